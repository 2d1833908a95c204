package dev.cairn.adapters.http.blob;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.range.ByteRange;
import dev.cairn.adapters.http.range.ChannelCopy;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.blob.NoSuchBlobException;
import dev.cairn.core.id.ContentId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET} and {@code HEAD /api/v1/network.blob/{content_id}}: the encrypted blob stored under a ContentId, for
 * peers that replicate it. Streams from the {@link BlobStore} with {@code Content-Length}, and honours one byte range
 * ({@code 206} with {@code Content-Range}); {@code 400 malformed_content_id}, {@code 404 blob_not_found},
 * {@code 416 range_not_satisfiable}.
 *
 * <p>Blobs are ciphertext and their ids are hashes of it: serving one tells the caller nothing it could not check, so
 * the route is open to any caller, like content-addressed stores generally are.
 */
public final class BlobRoutes implements Routes {
    public static final String PATH = "/api/v1/network.blob/{content_id}";

    private final BlobStore store;

    public BlobRoutes(BlobStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Registers HEAD explicitly: Javalin would otherwise answer it by itself, an empty 200 for any content_id. */
    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::serve);
        routes.addHttpHandler(HandlerType.HEAD, PATH, this::serve);
    }

    /** The path of blob {@code id} under a node's base URL. */
    public static String pathOf(ContentId id) {
        return PATH.replace("{content_id}", id.hex());
    }

    private void serve(Context ctx) throws IOException {
        ContentId id = contentId(ctx.pathParam("content_id"));
        long size;
        try {
            size = store.size(id);
        } catch (NoSuchBlobException e) {
            throw new ApiException(404, "blob_not_found", "this node holds no blob " + id);
        }
        Optional<ByteRange> range;
        try {
            // One range at most: a peer resuming a fetch needs no more, so a header with several is ignored.
            List<ByteRange> ranges = ByteRange.parse(ctx.header("Range"), size, 1);
            range = ranges.stream().findFirst();
        } catch (ByteRange.Unsatisfiable e) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new ApiException(416, "range_not_satisfiable", e.getMessage());
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        ctx.header("Accept-Ranges", "bytes");
        ctx.contentType("application/octet-stream");
        range.ifPresent(r -> ctx.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size));
        ctx.status(range.isPresent() ? 206 : 200);
        ctx.res().setContentLengthLong(length);
        if (ctx.method() == HandlerType.HEAD || length == 0) {
            return;
        }
        // Straight to the servlet stream: Javalin's own output would buffer or compress, and a blob is large and
        // incompressible ciphertext.
        try (ReadableByteChannel in = store.open(id, first)) {
            OutputStream out = ctx.res().getOutputStream();
            ChannelCopy.copy(in, out, length);
            out.flush();
        } catch (NoSuchBlobException e) {
            // Deleted between size() and open(): the headers may be out already, so only the connection can tell.
            throw new IOException("blob " + id + " disappeared while being served", e);
        }
    }

    private static ContentId contentId(String text) {
        try {
            return ContentId.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "malformed_content_id", e.getMessage());
        }
    }
}
