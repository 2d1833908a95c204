package dev.cairn.adapters.postgres;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * Where an external PostgreSQL is, read from {@code DATABASE_URL}: a JDBC URL plus the credentials that came with it.
 *
 * <p>Accepted forms: {@code postgres://user:password@host:port/database?param=value} (also {@code postgresql://};
 * user and password percent-encoded, port 5432 when absent, parameters such as {@code sslmode} passed on to the
 * driver), and {@code jdbc:postgresql://...} as the PostgreSQL JDBC driver reads it. No message and no
 * {@link #toString()} ever contains the password.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {
    /** The environment variable this is read from; every parse error names it. */
    public static final String VARIABLE = "DATABASE_URL";

    public static final int DEFAULT_PORT = 5432;
    private static final Pattern JDBC_PASSWORD = Pattern.compile("(?i)([?&]password=)[^&]*");

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Parses a {@code DATABASE_URL} value.
     *
     * @throws IllegalArgumentException naming {@code DATABASE_URL} and what is wrong, never the password
     */
    public static DatabaseUrl parse(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("is empty");
        }
        String text = value.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:")) {
            return parseJdbc(text);
        }
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            return parseUri(text);
        }
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "(none)" : "'" + text.substring(0, Math.min(colon, 32)) + "'";
        throw invalid("must start with postgres://, postgresql:// or jdbc:postgresql://; its scheme is " + scheme);
    }

    private static DatabaseUrl parseJdbc(String text) {
        if (!text.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            throw invalid("is a JDBC URL for another database; expected jdbc:postgresql://host:port/database");
        }
        if (Driver.parseURL(text, null) == null) {
            throw invalid("is not a PostgreSQL JDBC URL the driver can read (expected"
                    + " jdbc:postgresql://host:port/database?param=value)");
        }
        return new DatabaseUrl(text, Optional.empty(), Optional.empty());
    }

    private static DatabaseUrl parseUri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // e.getMessage() quotes the input, password included; the reason and the index are enough.
            throw invalid("is not a valid URL: " + e.getReason() + " at character " + e.getIndex()
                    + " (percent-encode reserved characters such as @ : / in the user and password)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw invalid("has no valid host[:port] after '//' (a port is a number from 1 to 65535;"
                    + " several hosts are not supported in this form, use jdbc:postgresql://)");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw invalid("has port " + port + ", expected 1 to 65535");
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (database.isEmpty() || database.contains("/")) {
            throw invalid("must name one database as its path, as in postgres://host:5432/cairn");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = Optional.of(percentDecode(rawUser, "user")).filter(u -> !u.isEmpty());
            if (colon >= 0) {
                password = Optional.of(percentDecode(userInfo.substring(colon + 1), "password"));
            }
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String jdbc = "jdbc:postgresql://" + hostPart + ":" + port + "/" + database + query;
        if (Driver.parseURL(jdbc, null) == null) {
            throw invalid("has parameters or a database name the PostgreSQL driver cannot read");
        }
        return new DatabaseUrl(jdbc, user, password);
    }

    /** RFC 3986 percent-decoding; unlike URLDecoder, '+' stays a plus. */
    private static String percentDecode(String raw, String part) {
        var out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()
                        || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw invalid("has a bad percent-escape in its " + part + " (expected % and two hex digits)");
                }
                out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(VARIABLE + " " + problem);
    }

    /** The JDBC URL with any {@code password} parameter masked, and the user; never the password. */
    public String redacted() {
        String url = JDBC_PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
        return user.map(u -> url + " (user " + u + ")").orElse(url);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + redacted() + "]";
    }
}
