package dev.cairn.app;

/** A configuration value the node cannot start with; names the variable, the value and what is allowed. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String variable, String value, String problem, String allowed) {
        super(variable + "='" + value + "' " + problem + "; allowed: " + allowed);
    }
}
