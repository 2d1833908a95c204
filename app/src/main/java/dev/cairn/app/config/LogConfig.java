package dev.cairn.app.config;

import java.util.Objects;

/**
 * How the node logs. {@code logback.xml} reads the same two variables itself (logging starts before configuration is
 * parsed); they are checked here so a typo stops start-up instead of silently changing the output.
 *
 * @param format {@code LOG_FORMAT}
 * @param level {@code LOG_LEVEL}: TRACE, DEBUG, INFO, WARN, ERROR or OFF
 */
public record LogConfig(Format format, String level) {
    /** One JSON object per line for machines, or a pattern for people reading a terminal. */
    public enum Format {
        JSON,
        TEXT
    }

    public LogConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
    }
}
