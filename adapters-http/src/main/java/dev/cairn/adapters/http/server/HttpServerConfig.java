package dev.cairn.adapters.http.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTP server.
 *
 * @param host the interface to listen on ({@code 0.0.0.0} for all)
 * @param port {@code HTTP_PORT}; 0 picks a free port (tests)
 * @param maxRequestBytes {@code HTTP_MAX_REQUEST_BYTES}: the largest request body a route may read; larger ones get
 *     413. Small by default because every route so far takes JSON; routes that stream uploads read the body stream
 *     themselves
 * @param stopTimeout {@code HTTP_STOP_TIMEOUT_SEC}: how long a stop waits for requests in flight before cutting them
 */
public record HttpServerConfig(String host, int port, long maxRequestBytes, Duration stopTimeout) {
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1 << 20;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    public HttpServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank: '" + host + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("HTTP_PORT must be in [0, 65535], got " + port);
        }
        if (maxRequestBytes < 1024 || maxRequestBytes > (1L << 30)) {
            throw new IllegalArgumentException(
                    "HTTP_MAX_REQUEST_BYTES must be in [1024, 1073741824], got " + maxRequestBytes);
        }
        if (stopTimeout.isNegative() || stopTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("HTTP_STOP_TIMEOUT_SEC must be in [0 s, 600 s], got " + stopTimeout);
        }
    }

    /** The defaults on {@code port}, all interfaces. */
    public static HttpServerConfig onPort(int port) {
        return new HttpServerConfig("0.0.0.0", port, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_STOP_TIMEOUT);
    }

    /**
     * Loopback only, on a free port, stopping at once: for tests. A graceful stop also waits about a second for the
     * idle kept-alive connections of a test's HTTP client, which over a few hundred tests is minutes; a test of the
     * graceful stop asks for it with {@link #withStopTimeout}.
     */
    public static HttpServerConfig loopbackEphemeral() {
        return new HttpServerConfig("127.0.0.1", 0, DEFAULT_MAX_REQUEST_BYTES, Duration.ZERO);
    }

    public HttpServerConfig withMaxRequestBytes(long bytes) {
        return new HttpServerConfig(host, port, bytes, stopTimeout);
    }

    public HttpServerConfig withStopTimeout(Duration timeout) {
        return new HttpServerConfig(host, port, maxRequestBytes, timeout);
    }
}
