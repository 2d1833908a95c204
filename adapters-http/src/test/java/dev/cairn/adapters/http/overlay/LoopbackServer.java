package dev.cairn.adapters.http.overlay;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import io.javalin.Javalin;
import java.net.URI;

/**
 * A bare Javalin on a free loopback port with the given routes and a minimal {@link ApiException} mapper (status,
 * body {@code "<code>: <message>"}); the real server's JSON error mapping is not this module's part under test.
 */
public final class LoopbackServer implements AutoCloseable {
    private final Javalin app;

    private LoopbackServer(Javalin app) {
        this.app = app;
    }

    public static LoopbackServer start(Routes routes) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            routes.register(config.routes);
            config.routes.exception(
                    ApiException.class, (e, ctx) -> ctx.status(e.status()).result(e.code() + ": " + e.getMessage()));
        });
        return new LoopbackServer(app.start("127.0.0.1", 0));
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    @Override
    public void close() {
        app.stop();
    }
}
