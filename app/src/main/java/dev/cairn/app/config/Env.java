package dev.cairn.app.config;

import dev.cairn.core.auth.BotToken;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;

/**
 * Reads typed values from environment variables, collecting every bad one instead of stopping at the first; each
 * getter returns its default in place of a bad value so parsing goes on. An empty value counts as unset, so a compose
 * file may pass {@code FOO: ${FOO:-}}.
 */
final class Env {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]*\\.?[0-9]+");
    private static final Map<String, Boolean> BOOLEANS = Map.of(
            "true", true, "false", false, "1", true, "0", false, "yes", true, "no", false, "on", true, "off", false);
    static final String BOOLEAN_ALLOWED = "true or false (also 1/0, yes/no, on/off)";

    private final Map<String, String> env;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    Env(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The value of {@code name}, or empty if unset or empty. Marks {@code name} as a known variable. */
    Optional<String> raw(String name) {
        known.add(name);
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    void problem(String name, String shownValue, String problem, String allowed) {
        problems.add(new ConfigProblem(name, shownValue, problem, allowed));
    }

    boolean hasProblemWith(String name) {
        return problems.stream().anyMatch(p -> p.variable().equals(name));
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    Set<String> knownNames() {
        return Set.copyOf(known);
    }

    Map<String, String> all() {
        return env;
    }

    long integer(String name, long fallback, long min, long max) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return fallback;
        }
        String allowed = "an integer from " + min + " to " + max;
        if (!INTEGER.matcher(value.get()).matches()) {
            problem(name, value.get(), "is not an integer", allowed);
            return fallback;
        }
        long parsed = Long.parseLong(value.get());
        if (parsed < min || parsed > max) {
            problem(name, value.get(), "is out of range", allowed);
            return fallback;
        }
        return parsed;
    }

    int intValue(String name, int fallback, int min, int max) {
        return (int) integer(name, fallback, min, max);
    }

    Duration seconds(String name, long fallback, long min, long max) {
        return Duration.ofSeconds(integer(name, fallback, min, max));
    }

    /** A decimal in {@code (minExclusive, max]}: digits with an optional point, no sign or exponent. */
    double decimal(String name, double fallback, double minExclusive, double max) {
        return decimal(
                name,
                fallback,
                v -> v > minExclusive && v <= max,
                "a decimal number greater than " + minExclusive + " and at most " + max);
    }

    /** A decimal in {@code [min, max]}, written as for {@link #decimal(String, double, double, double)}. */
    double decimalBetween(String name, double fallback, double min, double max) {
        return decimal(name, fallback, v -> v >= min && v <= max, "a decimal number from " + min + " to " + max);
    }

    private double decimal(String name, double fallback, DoublePredicate inRange, String allowed) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return fallback;
        }
        if (!DECIMAL.matcher(value.get()).matches()) {
            problem(name, value.get(), "is not a decimal number", allowed);
            return fallback;
        }
        double parsed = Double.parseDouble(value.get());
        if (!inRange.test(parsed)) {
            problem(name, value.get(), "is out of range", allowed);
            return fallback;
        }
        return parsed;
    }

    boolean bool(String name, boolean fallback) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return fallback;
        }
        Boolean parsed = BOOLEANS.get(value.get().toLowerCase(Locale.ROOT));
        if (parsed == null) {
            problem(name, value.get(), "is not a boolean", BOOLEAN_ALLOWED);
            return fallback;
        }
        return parsed;
    }

    /** One of {@code choices}' keys, compared case-insensitively (keys are lower case). */
    <T> T choice(String name, T fallback, Map<String, T> choices) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return fallback;
        }
        T parsed = choices.get(value.get().toLowerCase(Locale.ROOT));
        if (parsed == null) {
            problem(name, value.get(), "is not one of the choices", "one of " + String.join(", ", sorted(choices)));
            return fallback;
        }
        return parsed;
    }

    /** An absolute http(s) URL with a host, no user info, query or fragment, at most 256 characters. */
    Optional<URI> url(String name) {
        return raw(name).flatMap(value -> url(name, value));
    }

    /** Comma-separated {@link #url} values; spaces around commas are ignored. */
    List<URI> urls(String name, int max) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return List.of();
        }
        String[] items = value.get().split(",", -1);
        if (items.length > max) {
            problem(name, value.get(), "lists " + items.length + " URLs", "at most " + max + " comma-separated URLs");
            return List.of();
        }
        var urls = new ArrayList<URI>();
        for (String item : items) {
            url(name, item.strip()).ifPresent(urls::add);
        }
        return List.copyOf(urls);
    }

    /** A readable regular file. */
    Optional<Path> file(String name) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String allowed = "the path of a readable file";
        try {
            Path path = Path.of(value.get()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                problem(name, value.get(), "is not a file", allowed);
            } else if (!Files.isReadable(path)) {
                problem(name, value.get(), "is not readable", allowed);
            } else {
                return Optional.of(path);
            }
        } catch (InvalidPathException e) {
            problem(name, value.get(), "is not a valid path (" + e.getReason() + ")", allowed);
        }
        return Optional.empty();
    }

    /** A Telegram bot token; shown masked in any problem. */
    Optional<BotToken> botToken(String name) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(BotToken.of(value.get()));
        } catch (IllegalArgumentException e) {
            problem(name, BotToken.mask(value.get()), "is not a bot token", BotToken.FORMAT_DESCRIPTION);
            return Optional.empty();
        }
    }

    private Optional<URI> url(String name, String value) {
        String allowed = "an absolute http:// or https:// URL with a host, no user info, query or fragment,"
                + " at most 256 characters";
        if (value.isEmpty()) {
            problem(name, value, "has an empty URL", allowed);
            return Optional.empty();
        }
        String shown = maskUrl(value);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem(name, shown, "is not an http(s) URL", allowed);
            } else if (uri.getHost() == null) {
                problem(name, shown, "has no host", allowed);
            } else if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem(name, shown, "has user info, a query or a fragment", allowed);
            } else if (value.length() > 256) {
                problem(name, shown, "is longer than 256 characters", allowed);
            } else {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            problem(name, shown, "is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")", allowed);
        }
        return Optional.empty();
    }

    /**
     * {@code value} with any password replaced by {@code ****}, to show a URL in a problem: in user info
     * ({@code postgresql://u:p@h/db}) and in a {@code password=} parameter (JDBC URLs). A malformed URL is where a
     * mask is needed most, so user info is taken to run from the first colon after {@code ://} (or from the start, if
     * the value has no {@code ://}) to the last {@code @}: an unescaped {@code @} or {@code /} in the password is
     * masked with it, at worst along with a little more than the password.
     */
    static String maskUrl(String value) {
        String masked = value;
        int authority = value.indexOf("://");
        int colon = value.indexOf(':', authority < 0 ? 0 : authority + 3);
        int at = value.lastIndexOf('@');
        if (colon >= 0 && colon < at) {
            masked = value.substring(0, colon + 1) + "****" + value.substring(at);
        }
        return masked.replaceAll("(?i)([?&;]password=)[^&;]*", "$1****");
    }

    private static List<String> sorted(Map<String, ?> choices) {
        return choices.keySet().stream().sorted().toList();
    }
}
