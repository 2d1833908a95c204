package dev.cairn.adapters.http.storage;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.port.RandomBytes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.Objects;

/**
 * {@code GET} and {@code HEAD /api/v1.5/storage/{id}}: static access to stored files by id (the spec's
 * {@code /api/v1.5/storage/}), streamed from {@link StoredFiles}.
 *
 * <p>Files are immutable under their id, so the id is the strong {@code ETag} and answers are cacheable for good.
 * Honours {@code If-Match} (412), {@code If-None-Match} (304), and {@code Range} with {@code If-Range}: one range is a
 * 206 with {@code Content-Range}, several a {@code multipart/byteranges} 206, none satisfiable a 416; a malformed
 * {@code Range} is ignored. {@code 400 malformed_id} for anything but 64 lowercase hex, {@code 404 file_not_found}.
 */
public final class StorageRoutes implements Routes {
    public static final String PATH = "/api/v1.5/storage/{id}";
    /** More ranges than this in one header and it is ignored: many tiny parts cost far more to send than they hold. */
    public static final int MAX_RANGES = 16;

    private static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final StoredFiles files;
    private final FileResponse response;

    /**
     * @param files where the files are looked up
     * @param random source of multipart boundaries ({@link RandomBytes#secure()} in the node)
     */
    public StorageRoutes(StoredFiles files, RandomBytes random) {
        this.files = Objects.requireNonNull(files, "files");
        this.response = new FileResponse(random);
    }

    /** Registers HEAD explicitly: Javalin would otherwise answer it by itself, an empty 200 for any id. */
    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::serve);
        routes.addHttpHandler(HandlerType.HEAD, PATH, this::serve);
    }

    /** The path of file {@code id} under a node's base URL. */
    public static String pathOf(FileId id) {
        return PATH.replace("{id}", id.hex());
    }

    private void serve(Context ctx) throws IOException {
        FileId id = fileId(ctx.pathParam("id"));
        StoredFile file =
                files.find(id).orElseThrow(() -> new ApiException(404, "file_not_found", "no stored file " + id));
        response.send(ctx, file, '"' + id.hex() + '"', CACHE_CONTROL);
    }

    private static FileId fileId(String text) {
        try {
            return FileId.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "malformed_id", e.getMessage());
        }
    }
}
