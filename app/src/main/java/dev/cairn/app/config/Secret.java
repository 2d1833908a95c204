package dev.cairn.app.config;

import java.util.Objects;

/**
 * A configuration value that must not reach a log (a password inside a URL): {@link #toString()} shows only a masked
 * form, and {@link #reveal()} is the one way to the value.
 */
public final class Secret {
    private final String value;
    private final String masked;

    private Secret(String value, String masked) {
        this.value = Objects.requireNonNull(value, "value");
        this.masked = Objects.requireNonNull(masked, "masked");
    }

    /** A connection URL whose password is shown as {@code ****} ({@link #maskUrl}); the rest of it is not secret. */
    public static Secret url(String value) {
        return new Secret(value, maskUrl(value));
    }

    /**
     * {@code value} with any password replaced by {@code ****}: in a URL's user info ({@code postgresql://u:p@h/db})
     * and in a {@code password=} parameter (JDBC URLs).
     */
    static String maskUrl(String value) {
        return value.replaceAll("(://[^:/@]*:)[^@/]*@", "$1****@").replaceAll("([?&;]password=)[^&;]*", "$1****");
    }

    /** The value itself, for the one component that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return masked;
    }
}
