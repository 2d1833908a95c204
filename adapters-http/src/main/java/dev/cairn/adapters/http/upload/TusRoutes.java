package dev.cairn.adapters.http.upload;

import static dev.cairn.adapters.http.upload.TusHeaders.*;

import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.auth.UserHandler;
import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.upload.Chunk;
import dev.cairn.core.upload.ChunkChecksum;
import dev.cairn.core.upload.Concatenation;
import dev.cairn.core.upload.UploadException;
import dev.cairn.core.upload.UploadId;
import dev.cairn.core.upload.UploadMetadata;
import dev.cairn.core.upload.UploadService;
import dev.cairn.core.upload.UploadSession;
import dev.cairn.core.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tus 1.0.0 server: {@code POST /api/v1/upload.tus} creates an upload, {@code HEAD}, {@code PATCH} and {@code
 * DELETE} on {@code /api/v1/upload.tus/{id}} ask for, append to and end it, and {@code OPTIONS} on either says what
 * this server supports. The work is core's {@link UploadService}; these routes only read and write tus's headers.
 *
 * <p>Every answer carries {@code Tus-Resumable}; every request but {@code OPTIONS} must send {@code Tus-Resumable:
 * 1.0.0} (else 412 with {@code Tus-Version}) and a user's {@code Authorization} (else 401). A finished upload's
 * answers carry {@value #CONTENT_ID} with the ContentId it became. Clients that cannot send {@code PATCH} or {@code
 * DELETE} may send {@code POST} with {@code X-HTTP-Method-Override}. See {@code docs/api.md}.
 */
public final class TusRoutes implements Routes {
    /** The creation URL; uploads live under it. */
    public static final String BASE = "/api/v1/upload.tus";
    /** An upload's URL. */
    public static final String UPLOAD = BASE + "/{id}";
    /** The header of a finished upload's ContentId (64 hex digits). */
    public static final String CONTENT_ID = "Cairn-Content-Id";

    private final UploadService uploads;
    private final UserAuthentication authentication;

    public TusRoutes(UploadService uploads, UserAuthentication authentication) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.addHttpHandler(HandlerType.OPTIONS, BASE, this::options);
        routes.addHttpHandler(HandlerType.OPTIONS, UPLOAD, this::options);
        routes.post(BASE, tus(this::create));
        routes.addHttpHandler(HandlerType.HEAD, UPLOAD, tus(this::head));
        routes.patch(UPLOAD, tus(this::patch));
        routes.delete(UPLOAD, tus(this::terminate));
        routes.post(UPLOAD, tus(this::overridden));
    }

    /** The checks every tus request but OPTIONS goes through, then the user's handler; core's refusals mapped. */
    private Handler tus(UserHandler handler) {
        Handler authenticated = authentication.authenticated((ctx, user) -> {
            try {
                handler.handle(ctx, user);
            } catch (UploadException e) {
                throw UploadErrors.toApi(e);
            }
        });
        return ctx -> {
            ctx.header(TUS_RESUMABLE, VERSION);
            String version = ctx.header(TUS_RESUMABLE);
            if (!VERSION.equals(version)) {
                ctx.header(TUS_VERSION, VERSION);
                throw new ApiException(
                        412,
                        "tus_version_unsupported",
                        version == null
                                ? "Tus-Resumable is missing; this server speaks tus " + VERSION
                                : "Tus-Resumable '" + printable(version) + "' is not supported; this server speaks tus "
                                        + VERSION);
            }
            authenticated.handle(ctx);
        };
    }

    private void options(Context ctx) {
        ctx.header(TUS_RESUMABLE, VERSION);
        ctx.header(TUS_VERSION, VERSION);
        ctx.header(TUS_EXTENSION, EXTENSIONS);
        ctx.header(TUS_MAX_SIZE, Long.toString(uploads.config().maxContentBytes()));
        ctx.header(TUS_CHECKSUM_ALGORITHM, String.join(",", ChunkChecksum.ALGORITHMS));
        ctx.status(204);
    }

    private void create(Context ctx, User user) {
        Concatenation concatenation = TusHeaders.concatenation(ctx.header(UPLOAD_CONCAT), BASE);
        OptionalLong length = declaredLength(ctx, concatenation);
        String metadataHeader = ctx.header(UPLOAD_METADATA);
        Map<String, String> metadata = metadataHeader == null ? Map.of() : UploadMetadata.parse(metadataHeader);
        boolean withUpload = hasBody(ctx);
        if (withUpload && !(concatenation instanceof Concatenation.Final)) {
            requireOffsetStream(ctx);
        } else if (withUpload) {
            throw new ApiException(
                    400, "upload_invalid_concatenation", "a final upload has no bytes of its own; send no body");
        }
        UploadSession session = uploads.create(user.telegramId(), length, metadata, concatenation);
        // Known before any bytes are taken: if the first chunk fails, the client can still resume at this URL.
        ctx.header(Header.LOCATION, BASE + "/" + session.id().value());
        if (withUpload && !session.finished()) {
            session = uploads.patch(user.telegramId(), session.id(), chunk(ctx, 0, OptionalLong.empty()));
        }
        describeProgress(ctx, session);
        ctx.status(201);
    }

    private OptionalLong declaredLength(Context ctx, Concatenation concatenation) {
        OptionalLong length = optionalNonNegative(UPLOAD_LENGTH, ctx.header(UPLOAD_LENGTH));
        String defer = ctx.header(UPLOAD_DEFER_LENGTH);
        if (defer != null && !defer.equals("1")) {
            throw new ApiException(
                    400, "invalid_header", "Upload-Defer-Length is 1 when given, got '" + printable(defer) + "'");
        }
        if (concatenation instanceof Concatenation.Final) {
            if (length.isPresent() || defer != null) {
                throw new ApiException(
                        400,
                        "upload_invalid_concatenation",
                        "a final upload takes its length from its parts: send neither Upload-Length nor"
                                + " Upload-Defer-Length");
            }
            return length;
        }
        if (length.isPresent() == (defer != null)) {
            throw new ApiException(
                    400,
                    "invalid_header",
                    length.isPresent()
                            ? "send Upload-Length or Upload-Defer-Length, not both"
                            : "Upload-Length is required (or Upload-Defer-Length: 1 to give it later)");
        }
        return length;
    }

    private void head(Context ctx, User user) {
        UploadSession session = uploads.status(user.telegramId(), uploadId(ctx));
        session.length()
                .ifPresentOrElse(
                        n -> ctx.header(UPLOAD_LENGTH, Long.toString(n)), () -> ctx.header(UPLOAD_DEFER_LENGTH, "1"));
        if (!session.metadata().isEmpty()) {
            ctx.header(UPLOAD_METADATA, TusHeaders.metadata(session.metadata()));
        }
        String concat = TusHeaders.concatenation(session.concatenation(), BASE);
        if (concat != null) {
            ctx.header(UPLOAD_CONCAT, concat);
        }
        describeProgress(ctx, session);
        ctx.status(200);
    }

    private void patch(Context ctx, User user) {
        requireOffsetStream(ctx);
        String offset = ctx.header(UPLOAD_OFFSET);
        if (offset == null) {
            throw new ApiException(400, "invalid_header", "Upload-Offset is required: where these bytes start");
        }
        UploadSession session = uploads.patch(
                user.telegramId(),
                uploadId(ctx),
                chunk(
                        ctx,
                        nonNegative(UPLOAD_OFFSET, offset),
                        optionalNonNegative(UPLOAD_LENGTH, ctx.header(UPLOAD_LENGTH))));
        describeProgress(ctx, session);
        ctx.status(204);
    }

    private void terminate(Context ctx, User user) {
        uploads.terminate(user.telegramId(), uploadId(ctx));
        ctx.status(204);
    }

    /** {@code POST} with {@code X-HTTP-Method-Override}, for clients behind proxies that drop PATCH and DELETE. */
    private void overridden(Context ctx, User user) {
        String method = Optional.ofNullable(ctx.header(METHOD_OVERRIDE))
                .map(m -> m.strip().toUpperCase(Locale.ROOT))
                .orElse("");
        switch (method) {
            case "PATCH" -> patch(ctx, user);
            case "DELETE" -> terminate(ctx, user);
            default ->
                throw new ApiException(
                        405,
                        "method_not_allowed",
                        "POST to an upload needs X-HTTP-Method-Override: PATCH or DELETE; create uploads at " + BASE);
        }
    }

    /** Offset and, while it lasts, the expiry; once finished, the content it became. */
    private static void describeProgress(Context ctx, UploadSession session) {
        ctx.header(UPLOAD_OFFSET, Long.toString(session.offset()));
        ctx.header(Header.CACHE_CONTROL, "no-store");
        session.contentId()
                .ifPresentOrElse(
                        id -> ctx.header(CONTENT_ID, id.hex()),
                        () -> ctx.header(UPLOAD_EXPIRES, httpDate(session.expiresAt())));
    }

    private static Chunk chunk(Context ctx, long offset, OptionalLong uploadLength) {
        long contentLength = ctx.req().getContentLengthLong();
        String checksum = ctx.header(UPLOAD_CHECKSUM);
        InputStream body;
        try {
            body = ctx.req().getInputStream();
        } catch (IOException e) {
            throw new ApiException(400, "body_unreadable", "the request body could not be read: " + e.getMessage());
        }
        return new Chunk(
                offset,
                uploadLength,
                contentLength >= 0 ? OptionalLong.of(contentLength) : OptionalLong.empty(),
                Optional.ofNullable(checksum).map(ChunkChecksum::parseHeader),
                body);
    }

    private static boolean hasBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        return length > 0 || (length < 0 && ctx.header(Header.TRANSFER_ENCODING) != null);
    }

    private static void requireOffsetStream(Context ctx) {
        String type = ctx.header(Header.CONTENT_TYPE);
        String bare = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!bare.equals(OFFSET_OCTET_STREAM)) {
            throw new ApiException(
                    415,
                    "unsupported_media_type",
                    "upload bytes are sent as Content-Type: " + OFFSET_OCTET_STREAM + ", got "
                            + (type == null ? "none" : "'" + printable(type) + "'"));
        }
    }

    private static UploadId uploadId(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return new UploadId(id);
        } catch (IllegalArgumentException e) {
            // Not an id this server hands out, so no upload of anyone's: tus clients then start afresh.
            throw new ApiException(404, "upload_not_found", "no upload '" + printable(id) + "': " + e.getMessage());
        }
    }
}
