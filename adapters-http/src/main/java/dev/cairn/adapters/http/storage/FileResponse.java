package dev.cairn.adapters.http.storage;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.range.ByteRange;
import dev.cairn.adapters.http.range.ChannelCopy;
import dev.cairn.core.port.RandomBytes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Sends one {@link StoredFile} as the answer to a {@code GET} or {@code HEAD}, with the validators and range handling of
 * the storage route: {@code If-Match} (412), {@code If-None-Match} (304), {@code Range} with {@code If-Range} (one
 * range a 206 with {@code Content-Range}, several a {@code multipart/byteranges} 206, none satisfiable a 416, a
 * malformed header ignored). Shared by every route that serves file bytes (storage, media).
 */
public final class FileResponse {
    private final RandomBytes random;

    /** @param random source of multipart boundaries ({@link RandomBytes#secure()} in the node) */
    public FileResponse(RandomBytes random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Answers with {@code file}.
     *
     * @param etag the strong entity tag, quotes included: the bytes it names must never change
     * @param cacheControl the {@code Cache-Control} of 200, 206 and 304 answers
     */
    public void send(Context ctx, StoredFile file, String etag, String cacheControl) throws IOException {
        // Preconditions in the order of RFC 9110 section 13.2.2; the date ones need a Last-Modified, which we lack.
        String ifMatch = ctx.header("If-Match");
        if (ifMatch != null && !EntityTags.strongMatch(ifMatch, etag)) {
            throw new ApiException(412, "precondition_failed", "If-Match '" + ifMatch + "' does not name " + etag);
        }
        if (EntityTags.weakMatch(ctx.header("If-None-Match"), etag)) {
            validators(ctx, etag, cacheControl);
            ctx.status(304);
            return;
        }
        List<ByteRange> ranges = ranges(ctx, etag, file.size());
        List<ByteRange> sent = ranges.isEmpty() && file.size() > 0 ? List.of(new ByteRange(0, file.size())) : ranges;
        boolean head = ctx.method() == HandlerType.HEAD;
        // Opened before any header is set, so a file removed since find() is an error answer, not a truncated body.
        try (ReadableByteChannel first =
                head || sent.isEmpty() ? null : file.open(sent.getFirst().first())) {
            validators(ctx, etag, cacheControl);
            if (ranges.size() > 1) {
                sendParts(ctx, file, ranges, first);
            } else {
                sendOne(ctx, file, ranges.isEmpty() ? null : ranges.getFirst(), first);
            }
        }
    }

    /** The ranges to send, empty for the whole file: none asked, If-Range names another version, or ignored. */
    private static List<ByteRange> ranges(Context ctx, String etag, long size) {
        String range = ctx.header("Range");
        String ifRange = ctx.header("If-Range");
        // If-Range holds only for a strongly matching tag; a date never holds, as there is no Last-Modified to match.
        if (range == null || (ifRange != null && !ifRange.strip().equals(etag))) {
            return List.of();
        }
        try {
            return ByteRange.parse(range, size, StorageRoutes.MAX_RANGES);
        } catch (ByteRange.Unsatisfiable e) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new ApiException(416, "range_not_satisfiable", e.getMessage());
        }
    }

    /** The headers a 200, 206 and 304 share (RFC 9110 section 15.4.5 asks a 304 for ETag and Cache-Control). */
    private static void validators(Context ctx, String etag, String cacheControl) {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", cacheControl);
        ctx.header("Accept-Ranges", "bytes");
        // A browser must take the file as its stated type, never sniff a stored file into HTML on this origin.
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    /** The whole file ({@code range} null, 200) or one range of it (206); {@code in} is null for HEAD. */
    private static void sendOne(Context ctx, StoredFile file, ByteRange range, ReadableByteChannel in)
            throws IOException {
        long length = range == null ? file.size() : range.length();
        ctx.contentType(file.contentType());
        if (range != null) {
            ctx.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + file.size());
        }
        ctx.status(range == null ? 200 : 206);
        ctx.res().setContentLengthLong(length);
        if (in != null) {
            // Straight to the servlet stream: Javalin's own output would buffer or compress, and files are large.
            OutputStream out = ctx.res().getOutputStream();
            ChannelCopy.copy(in, out, length);
            out.flush();
        }
    }

    /** Several ranges as one multipart/byteranges 206; {@code first} reads the first part, null for HEAD. */
    private void sendParts(Context ctx, StoredFile file, List<ByteRange> ranges, ReadableByteChannel first)
            throws IOException {
        var body = new MultipartByteranges(
                "cairn-" + HexFormat.of().formatHex(random.bytes(16)), file.contentType(), file.size(), ranges);
        ctx.contentType(body.contentType());
        ctx.status(206);
        ctx.res().setContentLengthLong(body.contentLength());
        if (first == null) {
            return;
        }
        OutputStream out = ctx.res().getOutputStream();
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange r = ranges.get(i);
            out.write(body.head(i));
            if (i == 0) {
                ChannelCopy.copy(first, out, r.length());
            } else {
                try (ReadableByteChannel in = file.open(r.first())) {
                    ChannelCopy.copy(in, out, r.length());
                }
            }
        }
        out.write(body.tail());
        out.flush();
    }
}
