package dev.cairn.adapters.http.view;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.adapters.http.storage.FileResponse;
import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.DisplayPolicy;
import dev.cairn.core.content.view.MediaGrant;
import dev.cairn.core.content.view.MediaSigner;
import dev.cairn.core.content.view.MediaUrlException;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.RandomBytes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code GET} and {@code HEAD /api/v1/media/{content_id}/{kind}}: a rendition's plaintext, with the storage route's
 * Range and validator handling ({@link FileResponse}); the {@code ETag} is the rendition's blob id.
 *
 * <p>A licensed rendition (low, high, original) needs the signed parameters {@code u}, {@code exp}, {@code sig} that
 * {@code content.view} hands out ({@link MediaSigner}): malformed is 400 {@code media_url_malformed}, a changed part
 * 403 {@code media_url_altered}, past its expiry 403 {@code media_url_expired}. The license is checked again on every
 * request, so a refund stops a URL already handed out (403 {@code media_not_licensed}). A public rendition (preview,
 * cover) is served to anyone without parameters.
 */
public final class MediaRoutes implements Routes {
    public static final String PATH = "/api/v1/media/{content_id}/{kind}";

    /** Public renditions may change under their URL (a re-conversion), so shared caches keep them for an hour. */
    private static final String PUBLIC_CACHE = "public, max-age=3600";

    private final ContentViews views;
    private final MediaSigner signer;
    private final ContentVault vault;
    private final BlobStore blobs;
    private final Clock clock;
    private final FileResponse response;

    /**
     * @param vault decrypts renditions (the node's master key)
     * @param blobs reads renditions stored in the clear
     * @param clock the time a licensed answer's {@code Cache-Control} counts down from
     * @param random multipart boundaries
     */
    public MediaRoutes(
            ContentViews views,
            MediaSigner signer,
            ContentVault vault,
            BlobStore blobs,
            Clock clock,
            RandomBytes random) {
        this.views = Objects.requireNonNull(views, "views");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.response = new FileResponse(random);
    }

    /** Registers HEAD explicitly, as the storage route does: it runs the checks and answers GET's headers. */
    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::serve);
        routes.addHttpHandler(HandlerType.HEAD, PATH, this::serve);
    }

    /** The unsigned path of a public rendition. */
    public static String publicPath(ContentId content, DerivativeKind kind) {
        return MediaSigner.PATH_PREFIX + content.hex() + "/" + kind.wire();
    }

    private void serve(Context ctx) throws IOException {
        ContentId id = ContentIds.parse(ctx.pathParam("content_id"));
        String kindText = ctx.pathParam("kind");
        DerivativeKind kind = kind(kindText);
        OptionalLong user = OptionalLong.empty();
        String cacheControl = PUBLIC_CACHE;
        if (kind.requiresLicense()) {
            MediaGrant grant = verify(ctx, id, kindText);
            user = OptionalLong.of(grant.userId());
            // A browser may keep the bytes for as long as the URL works; shared caches never.
            cacheControl = "private, max-age=" + Math.max(0, grant.expiresAt() - clock.epochSecond());
        }
        ContentRecord content = views.content(id).orElseThrow(() -> ContentIds.notFound(id));
        Derivative rendition;
        try {
            rendition = views.servable(content, kind, user);
        } catch (ContentViews.NotServable e) {
            throw switch (e.reason()) {
                case NOT_LICENSED -> new ApiException(403, "media_not_licensed", e.getMessage());
                case NOT_READY -> new ApiException(404, "media_not_ready", e.getMessage());
            };
        }
        var file = new RenditionFile(vault, blobs, rendition, DisplayPolicy.mimeType(content, kind));
        ctx.header("X-Content-Type-Options", "nosniff");
        response.send(ctx, file, '"' + rendition.blob().orElseThrow().hex() + '"', cacheControl);
    }

    private static DerivativeKind kind(String text) {
        for (DerivativeKind k : DerivativeKind.values()) {
            if (k.wire().equals(text)) {
                return k;
            }
        }
        throw new ApiException(
                400, "media_url_malformed", "the rendition is one of preview, low, high, cover, original");
    }

    private MediaGrant verify(Context ctx, ContentId id, String kind) {
        try {
            return signer.verify(id.hex(), kind, ctx.queryParam("u"), ctx.queryParam("exp"), ctx.queryParam("sig"));
        } catch (MediaUrlException e) {
            int status = e.reason() == MediaUrlException.Reason.MALFORMED ? 400 : 403;
            throw new ApiException(status, e.reason().code(), e.getMessage());
        }
    }
}
