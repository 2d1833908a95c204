package dev.cairn.core.content.view;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a viewer may see of a content, given its derivatives: pure, so every row of the policy is a unit test.
 *
 * <table>
 *   <caption>Display options (only ready renditions are ever offered)</caption>
 *   <tr><th>content</th><th>not licensed (or anonymous)</th><th>licensed or owner</th></tr>
 *   <tr><td>audio, video</td><td>preview (public), play</td><td>low and high (decrypted), play; the preview while
 *       neither is ready</td></tr>
 *   <tr><td>image</td><td>preview (public), show</td><td>preview, show; original (decrypted), download</td></tr>
 *   <tr><td>binary</td><td>nothing: the original is hidden, purchase offered</td><td>original (decrypted),
 *       download</td></tr>
 * </table>
 *
 * <p><b>Expected renditions.</b> Audio: preview, low; video: preview, low, cover; image: preview, original; binary:
 * original. A high (and an audio cover) is counted only once its row exists, since conversion leaves it out when it
 * would be no better than the low (or there is no embedded picture). An expected rendition without a row is pending,
 * except the original: it is the content's own blob, ready since the upload.
 *
 * <p><b>Overall status</b>, over the expected renditions and every other row: {@code failed} when one failed and none
 * is pending or processing (conversion is over); {@code ready} when all are ready; {@code pending} when all are
 * pending; otherwise {@code processing} (one is being made, or some are done while others wait). A failure is {@code
 * unavailable} to anyone but the owner, with no reason, both overall and per rendition.
 *
 * <p><b>Purchase options</b> are the owner's {@link Prices} for a viewer who is neither owner nor licensed.
 */
public final class DisplayPolicy {
    private static final Map<ContentKind, Set<DerivativeKind>> EXPECTED = Map.of(
            ContentKind.AUDIO, EnumSet.of(DerivativeKind.PREVIEW, DerivativeKind.LOW),
            ContentKind.VIDEO, EnumSet.of(DerivativeKind.PREVIEW, DerivativeKind.LOW, DerivativeKind.COVER),
            ContentKind.IMAGE, EnumSet.of(DerivativeKind.PREVIEW, DerivativeKind.ORIGINAL),
            ContentKind.BINARY, EnumSet.of(DerivativeKind.ORIGINAL));

    private DisplayPolicy() {}

    /**
     * The view of {@code content} for {@code viewer}.
     *
     * @param derivatives the content's rows in the derivative store (any order; other contents' rows are refused)
     * @param prices what the owner asks for it
     */
    public static ContentView view(ContentRecord content, List<Derivative> derivatives, Viewer viewer, Prices prices) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(prices, "prices");
        Map<DerivativeKind, Derivative> rows = renditions(content, derivatives);

        List<DerivativeState> states = new ArrayList<>();
        for (Derivative d : rows.values()) {
            states.add(state(d, viewer.owner()));
        }
        ViewStatus status = overall(rows.values(), viewer.owner());
        List<DisplayOption> options = options(content, rows, viewer.mayPlayLicensed());
        boolean downloadable = options.stream().anyMatch(o -> o.action() == DisplayAction.DOWNLOAD);
        LicenseState license = viewer.owner()
                ? LicenseState.OWNER
                : viewer.licensed() ? LicenseState.LICENSED : LicenseState.UNLICENSED;
        List<PurchaseOption> purchase = viewer.mayPlayLicensed() ? List.of() : prices.options();
        return new ContentView(
                content.id(),
                content.title(),
                content.kind(),
                content.mimeType(),
                content.size(),
                duration(rows),
                cover(content, rows),
                status,
                states,
                options,
                downloadable,
                license,
                purchase);
    }

    /**
     * Whether {@code viewer} may be served rendition {@code kind} of {@code content}: what the media route checks
     * again when a signed URL is used, so a license revoked since the URL was signed stops it.
     */
    public static boolean mayServe(ContentRecord content, DerivativeKind kind, Viewer viewer) {
        if (kind == DerivativeKind.COVER || kind == DerivativeKind.PREVIEW) {
            return true;
        }
        boolean offered = switch (content.kind()) {
            case AUDIO, VIDEO -> kind == DerivativeKind.LOW || kind == DerivativeKind.HIGH;
            case IMAGE, BINARY -> kind == DerivativeKind.ORIGINAL;
        };
        return offered && viewer.mayPlayLicensed();
    }

    /**
     * The content's renditions by kind: its rows, the expected ones it lacks as pending, and the original, when
     * expected and without a row, as the content's own blob, ready.
     */
    public static Map<DerivativeKind, Derivative> renditions(ContentRecord content, List<Derivative> derivatives) {
        Map<DerivativeKind, Derivative> rows = new EnumMap<>(DerivativeKind.class);
        for (Derivative d : derivatives) {
            if (!d.content().equals(content.id())) {
                throw new IllegalArgumentException("a derivative of " + d.content() + " given for " + content.id());
            }
            rows.put(d.kind(), d);
        }
        for (DerivativeKind kind : EXPECTED.get(content.kind())) {
            if (!rows.containsKey(kind)) {
                rows.put(
                        kind,
                        kind == DerivativeKind.ORIGINAL
                                ? Derivative.original(content, content.createdAt())
                                : pending(content, kind));
            }
        }
        return rows;
    }

    private static Derivative pending(ContentRecord content, DerivativeKind kind) {
        return Derivative.pending(content.id(), kind, content.createdAt());
    }

    private static DerivativeState state(Derivative d, boolean owner) {
        return switch (d.status()) {
            case PENDING -> new DerivativeState(d.kind(), ViewStatus.PENDING, d.progressPercent(), Optional.empty());
            case PROCESSING ->
                new DerivativeState(d.kind(), ViewStatus.PROCESSING, d.progressPercent(), Optional.empty());
            case READY -> new DerivativeState(d.kind(), ViewStatus.READY, 100, Optional.empty());
            case FAILED ->
                owner
                        ? new DerivativeState(d.kind(), ViewStatus.FAILED, d.progressPercent(), d.failureReason())
                        : new DerivativeState(d.kind(), ViewStatus.UNAVAILABLE, 0, Optional.empty());
        };
    }

    static ViewStatus overall(Iterable<Derivative> renditions, boolean owner) {
        Set<DerivativeStatus> seen = EnumSet.noneOf(DerivativeStatus.class);
        renditions.forEach(d -> seen.add(d.status()));
        boolean working = seen.contains(DerivativeStatus.PENDING) || seen.contains(DerivativeStatus.PROCESSING);
        if (seen.contains(DerivativeStatus.FAILED) && !working) {
            return owner ? ViewStatus.FAILED : ViewStatus.UNAVAILABLE;
        }
        if (seen.isEmpty() || seen.equals(EnumSet.of(DerivativeStatus.READY))) {
            return ViewStatus.READY;
        }
        if (seen.equals(EnumSet.of(DerivativeStatus.PENDING))) {
            return ViewStatus.PENDING;
        }
        return ViewStatus.PROCESSING;
    }

    private static List<DisplayOption> options(
            ContentRecord content, Map<DerivativeKind, Derivative> rows, boolean licensed) {
        List<DisplayOption> options = new ArrayList<>();
        switch (content.kind()) {
            case AUDIO, VIDEO -> {
                if (licensed) {
                    ready(content, rows, DerivativeKind.LOW, DisplayAction.PLAY).ifPresent(options::add);
                    ready(content, rows, DerivativeKind.HIGH, DisplayAction.PLAY)
                            .ifPresent(options::add);
                }
                if (options.isEmpty()) {
                    ready(content, rows, DerivativeKind.PREVIEW, DisplayAction.PLAY)
                            .ifPresent(options::add);
                }
            }
            case IMAGE -> {
                ready(content, rows, DerivativeKind.PREVIEW, DisplayAction.SHOW).ifPresent(options::add);
                if (licensed) {
                    ready(content, rows, DerivativeKind.ORIGINAL, DisplayAction.DOWNLOAD)
                            .ifPresent(options::add);
                }
            }
            case BINARY -> {
                if (licensed) {
                    ready(content, rows, DerivativeKind.ORIGINAL, DisplayAction.DOWNLOAD)
                            .ifPresent(options::add);
                }
            }
        }
        return options;
    }

    private static Optional<DisplayOption> ready(
            ContentRecord content, Map<DerivativeKind, Derivative> rows, DerivativeKind kind, DisplayAction action) {
        Derivative d = rows.get(kind);
        if (d == null || d.status() != DerivativeStatus.READY) {
            return Optional.empty();
        }
        return Optional.of(new DisplayOption(
                kind,
                action,
                kind.requiresLicense(),
                d.wrappedKey().isEmpty(),
                mimeType(content, kind),
                d.blob().orElseThrow(),
                d.bytes().orElseThrow()));
    }

    /** What conversion writes: AAC in MP4 for sound, H.264 + AAC in MP4 for video, JPEG for pictures. */
    public static String mimeType(ContentRecord content, DerivativeKind kind) {
        return switch (kind) {
            case ORIGINAL -> content.mimeType();
            case COVER -> "image/jpeg";
            case PREVIEW, LOW, HIGH ->
                switch (content.kind()) {
                    case AUDIO -> "audio/mp4";
                    case VIDEO -> "video/mp4";
                    case IMAGE, BINARY -> "image/jpeg";
                };
        };
    }

    private static Optional<Duration> duration(Map<DerivativeKind, Derivative> rows) {
        for (DerivativeKind kind : List.of(DerivativeKind.HIGH, DerivativeKind.LOW)) {
            Derivative d = rows.get(kind);
            if (d != null && d.duration().isPresent()) {
                return d.duration();
            }
        }
        return Optional.empty();
    }

    private static Optional<DisplayOption> cover(ContentRecord content, Map<DerivativeKind, Derivative> rows) {
        Optional<DisplayOption> cover = ready(content, rows, DerivativeKind.COVER, DisplayAction.SHOW);
        if (cover.isEmpty() && content.kind() == ContentKind.IMAGE) {
            return ready(content, rows, DerivativeKind.PREVIEW, DisplayAction.SHOW);
        }
        return cover;
    }
}
