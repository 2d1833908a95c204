package dev.cairn.adapters.http.server;

import java.util.Objects;

/** One registered route: the HTTP method (upper case) and the path template as registered. */
public record RouteSpec(String method, String path) {
    public RouteSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
