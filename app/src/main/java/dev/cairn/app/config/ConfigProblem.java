package dev.cairn.app.config;

import java.util.Objects;

/**
 * One variable the node cannot start with.
 *
 * @param variable the environment variable's name
 * @param shownValue the value as given, or masked if the variable is a secret
 * @param problem what is wrong with it
 * @param allowed what would be accepted: a range, the choices or a format
 */
public record ConfigProblem(String variable, String shownValue, String problem, String allowed) {
    public ConfigProblem {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(shownValue, "shownValue");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(allowed, "allowed");
    }

    /** {@code NAME='value' problem; allowed: what}. */
    public String message() {
        return variable + "='" + shownValue + "' " + problem + "; allowed: " + allowed;
    }
}
