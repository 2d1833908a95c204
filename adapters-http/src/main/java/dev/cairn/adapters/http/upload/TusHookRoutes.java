package dev.cairn.adapters.http.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.error.ErrorBody;
import dev.cairn.adapters.http.error.SessionIds;
import dev.cairn.adapters.http.server.JsonMapping;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.upload.UploadException;
import dev.cairn.core.upload.UploadFailure;
import dev.cairn.core.upload.UploadMetadata;
import dev.cairn.core.upload.UploadService;
import dev.cairn.core.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/upload.tus-hook}: tusd v2's HTTP hooks, for an operator who runs a tusd in front of the node.
 * tusd calls it with {@code ?secret=TUS_HOOK_SECRET}; the user is whoever the client's {@code Authorization} header
 * (which tusd forwards inside the hook request) says.
 *
 * <ul>
 *   <li>{@code pre-create}: the user, the declared size against {@code MAX_CONTENT_SIZE_MB} and the metadata are
 *       checked; a refusal is answered 200 with {@code RejectUpload} and the client's status and error body.
 *   <li>{@code pre-finish} and {@code post-finish}: the file tusd stored is read from its upload directory and goes
 *       through {@link UploadService} like any upload; the answer carries {@value TusRoutes#CONTENT_ID} (which the
 *       client receives with {@code pre-finish}). Repeats of the same tusd upload answer the same content.
 *   <li>any other hook: an empty answer, so enabling more events changes nothing.
 * </ul>
 *
 * <p>Without a {@link TusHookConfig} the route answers 404 {@code tus_hook_off}. See {@code docs/uploads.md}.
 */
public final class TusHookRoutes implements Routes {
    public static final String PATH = "/api/v1/upload.tus-hook";
    /** The query parameter carrying {@code TUS_HOOK_SECRET}. */
    public static final String SECRET_PARAMETER = "secret";
    /** How many finished tusd uploads are remembered to answer repeated hooks. */
    static final int REMEMBERED_UPLOADS = 4096;

    private static final Logger log = LoggerFactory.getLogger(TusHookRoutes.class);
    private static final ObjectMapper JSON = JsonMapping.objectMapper();

    private final UploadService uploads;
    private final UserAuthentication authentication;
    private final Optional<byte[]> secretDigest;
    private final SessionIds ids;
    private final TusdFileIntake intake;

    /**
     * @param uploads the pipeline every finished file goes through
     * @param authentication checks the client's {@code Authorization} that tusd forwards
     * @param config {@code TUS_HOOK_SECRET} and {@code TUS_HOOK_UPLOAD_DIR}; empty when they are unset: hooks are off
     * @param random error ids of refusals sent to the client through tusd ({@link RandomBytes#secure()})
     */
    public TusHookRoutes(
            UploadService uploads,
            UserAuthentication authentication,
            Optional<TusHookConfig> config,
            RandomBytes random) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.secretDigest = config.map(c -> sha256(c.secret()));
        this.ids = new SessionIds(random);
        this.intake = config.map(c -> new TusdFileIntake(uploads, c.uploadDirectory(), REMEMBERED_UPLOADS))
                .orElse(null);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::hook);
    }

    private void hook(Context ctx) {
        requireSecret(ctx);
        TusdHook.Request request = ctx.bodyAsClass(TusdHook.Request.class);
        if (request == null || request.type() == null) {
            throw malformed("a tusd hook request is an object with Type and Event");
        }
        TusdHook.Response response = switch (request.type()) {
            case "pre-create" -> preCreate(ctx, event(request));
            case "pre-finish", "post-finish" -> finish(request.type(), event(request));
            default -> TusdHook.Response.NONE;
        };
        ctx.header(Header.CACHE_CONTROL, "no-store");
        ctx.json(response);
    }

    /** Hooks are trusted machinery: only a caller that knows the secret is heard, compared in constant time. */
    private void requireSecret(Context ctx) {
        if (secretDigest.isEmpty()) {
            throw new ApiException(404, "tus_hook_off", "tusd hooks are off on this node: TUS_HOOK_SECRET is unset");
        }
        String given = ctx.queryParam(SECRET_PARAMETER);
        // Digests of equal length, so that the comparison reveals neither content nor length.
        if (given == null || !MessageDigest.isEqual(sha256(given), secretDigest.get())) {
            throw new ApiException(
                    401,
                    "tus_hook_unauthorized",
                    "the hook URL's ?" + SECRET_PARAMETER + "= is missing or is not TUS_HOOK_SECRET");
        }
    }

    private TusdHook.Response preCreate(Context ctx, TusdHook.Event event) {
        try {
            User user = authentication.authenticate(
                    event.httpRequest().firstValue(Header.AUTHORIZATION).orElse(null));
            TusdHook.Upload upload = event.upload();
            OptionalLong size = upload.declaredSize();
            long limit = uploads.config().maxContentBytes();
            if (size.isPresent() && size.getAsLong() > limit) {
                throw new ApiException(
                        413,
                        UploadFailure.TOO_LARGE.code(),
                        "upload length of " + size.getAsLong() + " bytes is over the limit (MAX_CONTENT_SIZE_MB="
                                + uploads.config().maxContentSizeMb() + ", " + limit + " bytes)");
            }
            UploadMetadata.check(upload.metadata());
            log.info("tusd may create an upload for user {}: {} bytes", user.telegramId(), size);
            return TusdHook.Response.NONE;
        } catch (UploadException e) {
            return reject(ctx, event, UploadErrors.toApi(e));
        } catch (ApiException e) {
            return reject(ctx, event, e);
        }
    }

    /**
     * The refusal tusd sends the client instead of creating the upload: our status and error body, with the client's
     * session id when it sent a valid one. Logged as the server's own refusals are.
     */
    private TusdHook.Response reject(Context ctx, TusdHook.Event event, ApiException refusal) {
        String errorId = ids.newErrorId();
        String sessionId = event.httpRequest()
                .firstValue(SessionIds.HEADER)
                .filter(SessionIds::isValid)
                .orElseGet(() -> ids.sessionId(ctx));
        log.atInfo()
                .addKeyValue("error_id", errorId)
                .addKeyValue("session_id", sessionId)
                .addKeyValue("status", refusal.status())
                .addKeyValue("code", refusal.code())
                .addKeyValue("hook", "pre-create")
                .log("tusd upload refused: {}", refusal.getMessage());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Header.CONTENT_TYPE, "application/json");
        headers.put(SessionIds.HEADER, sessionId);
        if (refusal.status() == 401) {
            headers.put(Header.WWW_AUTHENTICATE, UserAuthentication.TMA);
        }
        String body;
        try {
            body = JSON.writeValueAsString(new ErrorBody(refusal.code(), refusal.getMessage(), errorId, sessionId));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return TusdHook.Response.reject(new TusdHook.ClientResponse(refusal.status(), body, headers));
    }

    private TusdHook.Response finish(String type, TusdHook.Event event) {
        TusdHook.Upload upload = event.upload();
        if (upload.id() == null || upload.id().isBlank()) {
            throw malformed(type + " names no upload: Event.Upload.ID is empty");
        }
        if (upload.partial()) {
            // Its bytes become a content as part of the final upload that concatenates it.
            log.info("tusd partial upload {} finished; nothing to store until its final upload", upload.id());
            return TusdHook.Response.NONE;
        }
        User user = authentication.authenticate(
                event.httpRequest().firstValue(Header.AUTHORIZATION).orElse(null));
        ContentId id;
        try {
            id = intake.store(user.telegramId(), upload);
        } catch (UploadException e) {
            throw UploadErrors.toApi(e);
        }
        return TusdHook.Response.withHeader(TusRoutes.CONTENT_ID, id.hex());
    }

    private static TusdHook.Event event(TusdHook.Request request) {
        TusdHook.Event event = request.event();
        if (event == null || event.upload() == null || event.httpRequest() == null) {
            throw malformed("a " + request.type() + " hook carries Event.Upload and Event.HTTPRequest");
        }
        return event;
    }

    private static ApiException malformed(String message) {
        return new ApiException(400, "tus_hook_malformed", message);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
