package dev.cairn.adapters.http.view;

import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.adapters.http.storage.FileId;
import dev.cairn.adapters.http.storage.StorageRoutes;
import dev.cairn.core.content.view.ContentView;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.DisplayOption;
import dev.cairn.core.content.view.MediaGrant;
import dev.cairn.core.content.view.MediaSigner;
import dev.cairn.core.content.view.ViewReports;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.metrics.View;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET /api/v1/content.view/{content_id}}: what the caller may see of a content, as core's display policy
 * decides, with a URL for every display option: a signed media URL for a licensed rendition, the public storage URL
 * for a public one stored in the clear, the unsigned media URL for a public one the node decrypts.
 *
 * <p>The caller is the user of the {@code Authorization} header when there is one (a bad one is 401, never taken for
 * anonymous); without the header the caller is anonymous and sees what anyone may (previews, covers, prices): a link
 * shared outside the Mini App still shows what is for sale.
 *
 * <p>The query parameters {@code watch_time}, {@code bytes_out}, {@code completed} and {@code device_salt} report a
 * view (the spec's metrics publication; {@link ViewReport}), counted through {@link ViewReports} once the content is
 * found; the answer then says in {@code metrics_recorded} whether it counted.
 */
public final class ContentViewRoutes implements Routes {
    public static final String PATH = "/api/v1/content.view/{content_id}";

    private final UserAuthentication authentication;
    private final ContentViews views;
    private final MediaSigner signer;
    private final ViewReports reports;

    /**
     * @param reports where the views reported with the query parameters go ({@link ViewReport})
     */
    public ContentViewRoutes(
            UserAuthentication authentication, ContentViews views, MediaSigner signer, ViewReports reports) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.views = Objects.requireNonNull(views, "views");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::view);
    }

    private void view(Context ctx) {
        ContentId id = ContentIds.parse(ctx.pathParam("content_id"));
        OptionalLong user = caller(ctx);
        ctx.header(Header.CACHE_CONTROL, "no-store");
        Optional<View> report = ViewReport.parse(ctx, reports.config());
        ContentView view = views.view(id, user).orElseThrow(() -> ContentIds.notFound(id));
        Boolean recorded = null;
        if (report.isPresent()) {
            try {
                recorded = reports.report(id, report.get()) == ViewReports.Outcome.RECORDED;
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, ViewReport.INVALID, e.getMessage());
            }
        }
        ctx.json(body(view, user, recorded));
    }

    private OptionalLong caller(Context ctx) {
        String authorization = ctx.header(Header.AUTHORIZATION);
        if (authorization == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(authentication.authenticate(authorization).telegramId());
        } catch (RuntimeException e) {
            ctx.header(Header.WWW_AUTHENTICATE, UserAuthentication.TMA);
            throw e;
        }
    }

    private ViewBody body(ContentView view, OptionalLong user, Boolean metricsRecorded) {
        return new ViewBody(
                view.id().hex(),
                view.title(),
                view.kind().wire(),
                view.mimeType(),
                view.size(),
                view.duration().map(d -> d.toMillis()).orElse(null),
                view.cover().map(c -> option(view.id(), c, user).url()).orElse(null),
                view.status().wire(),
                view.derivatives().stream()
                        .map(d -> new ViewBody.Rendition(
                                d.kind().wire(),
                                d.status().wire(),
                                d.progressPercent(),
                                d.failureReason().orElse(null)))
                        .toList(),
                view.displayOptions().stream()
                        .map(o -> option(view.id(), o, user))
                        .toList(),
                view.downloadable(),
                view.license().wire(),
                view.purchaseOptions().stream()
                        .map(p -> new ViewBody.Purchase(p.method().wire(), p.amount(), p.currency()))
                        .toList(),
                metricsRecorded);
    }

    private ViewBody.Option option(ContentId content, DisplayOption o, OptionalLong user) {
        String url;
        Long expiresAt = null;
        if (o.licensed()) {
            // The policy offers licensed renditions to owners and licensees only, who are never anonymous.
            MediaGrant grant = signer.grant(content, o.kind(), user.orElseThrow());
            url = signer.url(grant);
            expiresAt = grant.expiresAt();
        } else if (o.plainBlob()) {
            url = StorageRoutes.pathOf(FileId.of(o.blob()));
        } else {
            url = MediaRoutes.publicPath(content, o.kind());
        }
        return new ViewBody.Option(
                o.kind().wire(), o.action().wire(), o.licensed(), o.mimeType(), o.bytes(), url, expiresAt);
    }
}
