package dev.cairn.adapters.http.view;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.core.metrics.MetricsConfig;
import dev.cairn.core.metrics.View;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The view a client reports with {@code content.view}'s query parameters: {@code device_salt} (required once any is
 * given: 1 to {@link MetricsConfig#maxSaltBytes()} characters of {@code [A-Za-z0-9_-]}, an opaque per-device value),
 * {@code watch_time} (seconds, default 0), {@code bytes_out} (bytes, default 0), {@code completed} ({@code true},
 * {@code false}, {@code 1}, {@code 0}; default false). Numbers are plain decimal digits, so a sign is refused. A
 * parameter given twice, or out of form, is {@code 400 invalid_metrics}.
 */
final class ViewReport {
    static final String INVALID = "invalid_metrics";
    static final List<String> PARAMETERS = List.of("watch_time", "bytes_out", "completed", "device_salt");

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final Pattern SALT = Pattern.compile("[A-Za-z0-9_-]+");

    private ViewReport() {}

    /** The reported view, or empty when none of the parameters is given. */
    static Optional<View> parse(Context ctx, MetricsConfig config) {
        boolean any = false;
        for (String name : PARAMETERS) {
            List<String> values = ctx.queryParams(name);
            if (values.size() > 1) {
                throw invalid(name + " is given " + values.size() + " times; give it once");
            }
            any |= !values.isEmpty();
        }
        if (!any) {
            return Optional.empty();
        }
        String salt = ctx.queryParam("device_salt");
        if (salt == null) {
            throw invalid("device_salt is required to report a view");
        }
        if (salt.length() > config.maxSaltBytes() || !SALT.matcher(salt).matches()) {
            throw invalid("device_salt is 1 to " + config.maxSaltBytes() + " characters of A-Z, a-z, 0-9, _ and -");
        }
        return Optional.of(new View(
                salt.getBytes(StandardCharsets.US_ASCII),
                number(ctx, "watch_time"),
                number(ctx, "bytes_out"),
                completed(ctx.queryParam("completed"))));
    }

    private static long number(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return 0;
        }
        if (!NUMBER.matcher(text).matches()) {
            throw invalid(name + " is a whole number >= 0 of at most 18 digits, got '" + shorten(text) + "'");
        }
        return Long.parseLong(text);
    }

    private static boolean completed(String text) {
        if (text == null) {
            return false;
        }
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw invalid("completed is true, false, 1 or 0, got '" + shorten(text) + "'");
        };
    }

    private static String shorten(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "...";
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, INVALID, message);
    }
}
