package dev.cairn.adapters.http.server;

import io.javalin.config.RoutesConfig;

/**
 * A group of routes that plugs into {@link CairnHttpServer}: the system, metrics and handshake routes here, and the
 * overlay and blob routes of other packages ({@code overlay::register} fits). Handlers throw
 * {@link dev.cairn.adapters.http.error.ApiException} for refused requests and never write error bodies themselves.
 */
@FunctionalInterface
public interface Routes {
    void register(RoutesConfig routes);
}
