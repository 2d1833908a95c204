package dev.cairn.adapters.http.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.canonical.StrictUtf8;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.upload.Chunk;
import dev.cairn.core.upload.Concatenation;
import dev.cairn.core.upload.UploadException;
import dev.cairn.core.upload.UploadFailure;
import dev.cairn.core.upload.UploadMetadata;
import dev.cairn.core.upload.UploadService;
import dev.cairn.core.upload.UploadSession;
import dev.cairn.core.upload.WatchedStream;
import dev.cairn.core.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/storage}: the single-request upload, for clients that do not speak tus (curl, scripts). The body
 * is the file, sent raw or as the {@value #FILE_PART} part of a {@code multipart/form-data} form; either way it streams
 * through {@link UploadService} as one upload (created, then patched from offset 0), so the content is the same as a
 * tus upload of the same bytes would make, and it is answered 201 with the content.
 *
 * <p>A raw body with {@code Content-Length} is created with that length, so one over {@code MAX_CONTENT_SIZE_MB} is
 * refused before it is read; without one (chunked), and always for a form, the length is deferred and given when the
 * body ends, and the first byte over the limit is refused. An upload that does not finish (refused, malformed, the
 * client gone) is removed: no half content is left, and nothing stored before is touched. See {@code docs/api.md}.
 */
public final class LegacyUploadRoutes implements Routes {
    public static final String PATH = "/api/v1/storage";
    /** The form part holding the file. */
    public static final String FILE_PART = "file";
    /** The optional form field holding the title; it must come before the file. */
    public static final String TITLE_FIELD = "title";
    /** How many bytes of other form fields before the file are read and ignored. */
    static final int MAX_OTHER_FIELD_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(LegacyUploadRoutes.class);
    private static final String FORM = "multipart/form-data";
    /** curl's type for {@code --data-binary}: says nothing about the file. */
    private static final String URL_ENCODED = "application/x-www-form-urlencoded";

    private final UploadService uploads;
    private final UserAuthentication authentication;
    private final ContentStore contents;

    /**
     * @param uploads the pipeline the body goes through
     * @param authentication who the caller is ({@code Authorization}, as on every user route)
     * @param contents where the finished content is looked up for the answer
     */
    public LegacyUploadRoutes(UploadService uploads, UserAuthentication authentication, ContentStore contents) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.contents = Objects.requireNonNull(contents, "contents");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, authentication.authenticated(this::upload));
    }

    private void upload(Context ctx, User user) {
        String type = ctx.header(Header.CONTENT_TYPE);
        String bare = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        UploadSession session;
        if (bare.equals(FORM)) {
            session = form(ctx, user, type);
        } else if (bare.startsWith("multipart/")) {
            throw new ApiException(
                    415,
                    "unsupported_media_type",
                    "a form is sent as " + FORM + ", got '" + TusHeaders.printable(type) + "'; any other type is"
                            + " taken as the file itself");
        } else {
            session = raw(ctx, user, type, bare);
        }
        ContentId id = session.contentId().orElseThrow();
        ContentRecord content = contents.find(id)
                .orElseThrow(() -> new IllegalStateException("content " + id + " finished but is not registered"));
        ctx.status(201).json(Stored.of(content));
    }

    /** The body is the file; its name and title from the query (or {@code Content-Disposition}), type from its own. */
    private UploadSession raw(Context ctx, User user, String type, String bare) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Optional.ofNullable(ctx.queryParam(UploadMetadata.FILENAME))
                .or(() -> dispositionFileName(ctx.header(Header.CONTENT_DISPOSITION)))
                .ifPresent(name -> metadata.put(UploadMetadata.FILENAME, name));
        Optional.ofNullable(ctx.queryParam(UploadMetadata.TITLE))
                .ifPresent(title -> metadata.put(UploadMetadata.TITLE, title));
        if (type != null && !bare.isEmpty() && !bare.equals(URL_ENCODED)) {
            metadata.put(UploadMetadata.FILETYPE, type.strip());
        }
        long contentLength = ctx.req().getContentLengthLong();
        OptionalLong length = contentLength >= 0 ? OptionalLong.of(contentLength) : OptionalLong.empty();
        return store(user, length, metadata, new WatchedStream(body(ctx)));
    }

    /** A form: an optional {@value #TITLE_FIELD} field, then the {@value #FILE_PART} part, read as it streams. */
    private UploadSession form(Context ctx, User user, String type) {
        String boundary = HeaderParameters.parse(type).get("boundary");
        MultipartReader reader;
        try {
            reader = new MultipartReader(body(ctx), boundary == null ? "" : boundary);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "multipart_malformed", "Content-Type: " + e.getMessage());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        int otherBytes = 0;
        while (true) {
            MultipartReader.Part part = nextPart(reader)
                    .orElseThrow(() -> new ApiException(
                            400, "multipart_file_missing", "the form has no part named '" + FILE_PART + "'"));
            String name = part.name().orElse("");
            if (name.equals(FILE_PART)) {
                part.fileName()
                        .map(LegacyUploadRoutes::baseName)
                        .filter(n -> !n.isEmpty())
                        .ifPresent(n -> metadata.put(UploadMetadata.FILENAME, n));
                part.contentType().ifPresent(t -> metadata.put(UploadMetadata.FILETYPE, t));
                return store(user, OptionalLong.empty(), metadata, new WatchedStream(part.body()));
            }
            if (name.equals(TITLE_FIELD)) {
                metadata.put(UploadMetadata.TITLE, utf8(field(part, UploadMetadata.MAX_VALUE_BYTES)));
            } else {
                otherBytes += field(part, MAX_OTHER_FIELD_BYTES - otherBytes).length;
            }
        }
    }

    /**
     * Creates the upload and streams the body into it; with the length deferred, declares it once the body ended.
     * Anything short of a finished upload removes it.
     */
    private UploadSession store(User user, OptionalLong length, Map<String, String> metadata, WatchedStream body) {
        long owner = user.telegramId();
        UploadSession session;
        try {
            session = uploads.create(owner, length, metadata, Concatenation.NONE);
        } catch (UploadException e) {
            throw UploadErrors.toApi(e);
        }
        try {
            if (!session.finished()) {
                Chunk chunk = Chunk.of(0, body);
                session = uploads.patch(
                        owner, session.id(), length.isPresent() ? chunk.withContentLength(length.getAsLong()) : chunk);
            }
            if (!session.finished()) {
                requireWholeBody(body, session);
                session = uploads.patch(
                        owner,
                        session.id(),
                        Chunk.of(session.offset(), InputStream.nullInputStream())
                                .withUploadLength(session.offset()));
            }
            if (!session.finished()) {
                throw new IllegalStateException("upload " + session.id() + " holds its whole body but did not finish");
            }
            log.info(
                    "Single-request upload {} of user {} stored as content {}",
                    session.id(),
                    owner,
                    session.contentId().orElseThrow());
            return session;
        } catch (UploadException e) {
            terminate(owner, session, e);
            throw refusal(e);
        } catch (RuntimeException e) {
            terminate(owner, session, e);
            throw e;
        }
    }

    /** Core's refusal as the one mapping has it; a storage failure told as this route handles it: nothing is kept. */
    private static ApiException refusal(UploadException e) {
        ApiException api = UploadErrors.toApi(e);
        if (e.reason() != UploadFailure.STORAGE) {
            return api;
        }
        return new ApiException(
                api.status(), api.code(), "the file could not be stored and nothing of it was kept; send it again", e);
    }

    /** The body was read to its end: not cut short by the client going away or by a malformed form. */
    private static void requireWholeBody(WatchedStream body, UploadSession session) {
        Optional<IOException> failure = body.failure();
        if (failure.isPresent() && failure.get() instanceof MultipartReader.MalformedMultipartException malformed) {
            throw new ApiException(400, "multipart_malformed", "the form is malformed: " + malformed.getMessage());
        }
        if (failure.isPresent() || !body.ended()) {
            throw interrupted(session.offset());
        }
    }

    private void terminate(long owner, UploadSession session, RuntimeException failure) {
        try {
            uploads.terminate(owner, session.id());
            log.info("Single-request upload {} of user {} removed: {}", session.id(), owner, failure.getMessage());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Optional<MultipartReader.Part> nextPart(MultipartReader reader) {
        try {
            return reader.next();
        } catch (MultipartReader.MalformedMultipartException e) {
            throw new ApiException(400, "multipart_malformed", "the form is malformed: " + e.getMessage());
        } catch (IOException e) {
            throw interrupted(-1);
        }
    }

    /** A field's value, at most {@code max} bytes. */
    private static byte[] field(MultipartReader.Part part, int max) {
        byte[] value;
        try {
            value = part.body().readNBytes(max + 1);
        } catch (MultipartReader.MalformedMultipartException e) {
            throw new ApiException(400, "multipart_malformed", "the form is malformed: " + e.getMessage());
        } catch (IOException e) {
            throw interrupted(-1);
        }
        if (value.length > max) {
            String name = part.name().orElse("");
            throw new ApiException(
                    400,
                    "multipart_field_too_large",
                    name.equals(TITLE_FIELD)
                            ? "the form field '" + TITLE_FIELD + "' is over " + max + " bytes"
                            : "the form fields before '" + FILE_PART + "' are over " + MAX_OTHER_FIELD_BYTES
                                    + " bytes; send the file part before them");
        }
        return value;
    }

    private static String utf8(byte[] bytes) {
        return StrictUtf8.decode(bytes)
                .orElseThrow(() -> new ApiException(
                        400, "upload_invalid_metadata", "the form field '" + TITLE_FIELD + "' is not UTF-8"));
    }

    private static ApiException interrupted(long received) {
        return new ApiException(
                400,
                "body_interrupted",
                "the request body broke off" + (received >= 0 ? " after " + received + " bytes" : "")
                        + "; nothing was stored");
    }

    private static InputStream body(Context ctx) {
        try {
            return ctx.req().getInputStream();
        } catch (IOException e) {
            throw new ApiException(400, "body_unreadable", "the request body could not be read: " + e.getMessage());
        }
    }

    /** {@code filename*} or {@code filename} of a {@code Content-Disposition} header, as a base name. */
    private static Optional<String> dispositionFileName(String header) {
        if (header == null) {
            return Optional.empty();
        }
        return HeaderParameters.fileName(HeaderParameters.parse(header))
                .map(LegacyUploadRoutes::baseName)
                .filter(n -> !n.isEmpty());
    }

    /** What follows the last {@code /} or {@code \} (some browsers send a whole path); the rules forbid both. */
    private static String baseName(String name) {
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    /** The answer: the stored content, as the content store registered it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stored(String contentId, long size, String kind, String mimeType, String title, String fileName) {
        static Stored of(ContentRecord c) {
            return new Stored(
                    c.id().hex(),
                    c.size(),
                    c.kind().wire(),
                    c.mimeType(),
                    c.title(),
                    c.fileName().orElse(null));
        }
    }
}
