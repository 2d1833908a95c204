package dev.cairn.adapters.http.metrics;

import dev.cairn.adapters.http.server.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format, or in OpenMetrics when the scraper asks for it in
 * {@code Accept} (Prometheus does by default).
 */
public final class MetricsRoutes implements Routes {
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    void scrape(Context ctx) {
        String accept = ctx.header("Accept");
        String format = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT;
        ctx.contentType(format).result(registry.scrape(format));
    }
}
