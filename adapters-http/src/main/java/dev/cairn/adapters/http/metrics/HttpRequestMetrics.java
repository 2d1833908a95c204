package dev.cairn.adapters.http.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Times every request as {@code http_server_requests_seconds} by method, route template, status and outcome. The
 * route is the template as registered (never the raw path), and unmatched requests share one value, so a scan of
 * random paths cannot grow the number of series.
 */
public final class HttpRequestMetrics {
    static final String NAME = "http.server.requests";

    private final MeterRegistry registry;

    public HttpRequestMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A Javalin request logger: runs after the response is settled, errors included. */
    public void record(Context ctx, Float elapsedMillis) {
        int status = ctx.statusCode();
        Timer.builder(NAME)
                .description("HTTP requests served, by route template and status")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx, status))
                .tag("status", Integer.toString(status))
                .tag("outcome", outcome(status))
                .register(registry)
                .record(Math.round(elapsedMillis.doubleValue() * 1_000_000), TimeUnit.NANOSECONDS);
    }

    private static String route(Context ctx, int status) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null && endpoint.method.isHttpMethod()) {
            return endpoint.path;
        }
        return status == 404 ? "NOT_FOUND" : "UNMATCHED";
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        if (status >= 300) {
            return "REDIRECTION";
        }
        return status >= 200 ? "SUCCESS" : "INFORMATIONAL";
    }
}
