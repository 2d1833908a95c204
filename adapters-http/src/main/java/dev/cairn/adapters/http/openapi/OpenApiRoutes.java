package dev.cairn.adapters.http.openapi;

import dev.cairn.adapters.http.server.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the hand-written OpenAPI 3.1 description of the node's routes ({@code openapi.json}
 * next to this class), read once. {@code OpenApiRoutesTest} checks it lists exactly the registered routes.
 */
public final class OpenApiRoutes implements Routes {
    public static final String PATH = "/api/openapi.json";

    private final byte[] document;

    public OpenApiRoutes() {
        this.document = load();
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::serve);
    }

    void serve(Context ctx) {
        ctx.contentType("application/json").result(document);
    }

    /** The document's bytes. */
    public static byte[] load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the class path next to OpenApiRoutes");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.json", e);
        }
    }
}
