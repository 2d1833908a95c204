package dev.cairn.adapters.http.server;

import dev.cairn.adapters.http.error.ApiErrors;
import dev.cairn.adapters.http.error.SessionIds;
import dev.cairn.adapters.http.metrics.HttpRequestMetrics;
import dev.cairn.core.port.RandomBytes;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The node's HTTP server: Javalin on virtual threads, with the one error mapping, session ids, request metrics, a
 * request body limit, graceful stop, and whatever {@link Routes} the node plugs in.
 *
 * <p>Stopping first closes the listening socket, then lets requests in flight finish for up to
 * {@link HttpServerConfig#stopTimeout()} before cutting them.
 */
public final class CairnHttpServer implements AutoCloseable {
    private final Javalin app;
    private final List<RouteSpec> routes = Collections.synchronizedList(new ArrayList<>());

    private CairnHttpServer(HttpServerConfig config, MeterRegistry registry, RandomBytes random, List<Routes> groups) {
        var sessions = new SessionIds(random);
        var errors = new ApiErrors(sessions);
        var requestMetrics = new HttpRequestMetrics(registry);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = config.maxRequestBytes();
            cfg.http.prefer405over404 = true;
            cfg.jsonMapper(new JavalinJackson(JsonMapping.objectMapper(), true));
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.jetty.modifyServer(server -> {
                // Jetty 12 waits for requests in flight on stop only behind a GracefulHandler.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(config.stopTimeout().toMillis());
                server.setStopAtShutdown(false);
            });
            cfg.events.handlerAdded(info -> {
                if (info.getHttpMethod().isHttpMethod()) {
                    routes.add(new RouteSpec(info.getHttpMethod().name(), info.getPath()));
                }
            });
            cfg.requestLogger.http(requestMetrics::record);
            cfg.routes.before(sessions::assign);
            errors.register(cfg.routes);
            groups.forEach(group -> group.register(cfg.routes));
        });
    }

    /**
     * A server that is not yet listening.
     *
     * @param registry where HTTP request metrics go (the Prometheus registry in the node)
     * @param random source of session and error ids ({@link RandomBytes#secure()} in the node)
     * @param routes the route groups to serve, in registration order
     */
    public static CairnHttpServer create(
            HttpServerConfig config, MeterRegistry registry, RandomBytes random, List<Routes> routes) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(random, "random");
        return new CairnHttpServer(config, registry, random, List.copyOf(routes));
    }

    /** Starts listening; returns once the port is bound. */
    public CairnHttpServer start() {
        app.start();
        return this;
    }

    /** The bound port (the chosen one when configured with 0); only meaningful after {@link #start()}. */
    public int port() {
        return app.port();
    }

    /** Every HTTP route registered, in registration order. */
    public List<RouteSpec> routes() {
        synchronized (routes) {
            return List.copyOf(routes);
        }
    }

    /** Stops accepting, lets requests in flight finish within the stop timeout, then releases the port. */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
