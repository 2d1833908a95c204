package dev.cairn.app.bench;

import io.javalin.Javalin;
import java.time.Duration;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * A bare Javalin hello-world, the baseline that {@code app/src/test/scripts/http-vs-bare-javalin.sh} measures the
 * node's {@code GET /api/system.version} against.
 *
 * <p>The server is configured as {@code CairnHttpServer} configures the node's: same Javalin, virtual threads, the
 * Jetty {@link GracefulHandler} in front, the same request size limit and stop timeout, all interfaces. What it leaves
 * out is the node's work per request: the session-id before-handler (16 random bytes from {@code SecureRandom}, hex,
 * echoed as a header), the Micrometer request timer, and the JSON body written by Jackson. Usage:
 * {@code BareJavalin PORT}.
 */
public final class BareJavalin {
    private static final long MAX_REQUEST_BYTES = 1 << 20;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private BareJavalin() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BareJavalin PORT, got " + args.length + " arguments");
        }
        int port = Integer.parseInt(args[0]);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.jetty.host = "0.0.0.0";
            cfg.jetty.port = port;
            cfg.jetty.modifyServer(server -> {
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            cfg.routes.get("/", ctx -> ctx.result("Hello World"));
        });
        app.start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "bare-javalin-stop"));
    }
}
