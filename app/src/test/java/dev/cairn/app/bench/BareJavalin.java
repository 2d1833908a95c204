package dev.cairn.app.bench;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * A bare Javalin hello-world, the baseline that {@code app/src/test/scripts/http-vs-bare-javalin.sh} measures the
 * node's {@code GET /api/system.version} against.
 *
 * <p>The server is configured as {@code CairnHttpServer} configures the node's: same Javalin, virtual threads, the
 * Jetty {@link GracefulHandler} in front, the same request size limit and stop timeout, all interfaces. What it leaves
 * out is the node's work per request: the session-id before-handler (16 random bytes from {@code SecureRandom}, hex,
 * echoed as a header), the Micrometer request timer, and the JSON body written by Jackson.
 *
 * <p>Given an upload directory, it also takes {@code PUT /upload}: the request body streamed to a new file there in
 * 64 KiB reads, answered {@code 201} with the byte count; with {@code ?force=true} the file is forced to disk
 * ({@code fdatasync}) before the answer, as the node forces a tus PATCH before acknowledging it. That is the floor
 * {@code app/src/test/scripts/tus-upload-bench.sh} measures the tus servers against ({@code curl -T}). Usage:
 * {@code BareJavalin PORT [UPLOAD_DIR]}.
 */
public final class BareJavalin {
    private static final long MAX_REQUEST_BYTES = 1 << 20;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private BareJavalin() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException(
                    "usage: BareJavalin PORT [UPLOAD_DIR], got " + args.length + " arguments");
        }
        int port = Integer.parseInt(args[0]);
        Path uploads = args.length == 2 ? Path.of(args[1]) : null;
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
            if (uploads != null) {
                var counter = new AtomicLong();
                cfg.routes.put("/upload", ctx -> receive(ctx, uploads.resolve("upload-" + counter.incrementAndGet())));
            }
        });
        app.start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "bare-javalin-stop"));
    }

    /** Streams the body to {@code file} without holding it in memory (the request size limit is for bodies read whole). */
    private static void receive(Context ctx, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = ctx.req().getInputStream();
                FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                var chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    written += out.write(chunk);
                }
            }
            if (Boolean.parseBoolean(ctx.queryParam("force"))) {
                out.force(false);
            }
        }
        ctx.status(201).result(Long.toString(written));
    }
}
