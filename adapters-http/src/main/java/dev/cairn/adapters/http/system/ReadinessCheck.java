package dev.cairn.adapters.http.system;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One thing the node needs before it can serve (the database, the blob store), named for the readiness answer.
 *
 * @param name lower snake case, such as {@code database}
 * @param probe returns normally when ready, throws (with a reason for the log) when not
 */
public record ReadinessCheck(String name, Probe probe) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** A readiness test; any exception means not ready. */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    public ReadinessCheck {
        Objects.requireNonNull(probe, "probe");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a readiness check name is lower snake case: '" + name + "'");
        }
    }
}
