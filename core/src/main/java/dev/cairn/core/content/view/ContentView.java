package dev.cairn.core.content.view;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.id.ContentId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DisplayPolicy} lets one viewer see of a content.
 *
 * @param duration of the whole work (the high or low rendition), once conversion measured it
 * @param cover the public picture standing for the content: the cover, else an image's preview
 * @param downloadable whether one of the options is a {@link DisplayAction#DOWNLOAD}
 * @param purchaseOptions what the viewer may buy it with; empty when licensed, or when the owner set no price
 */
public record ContentView(
        ContentId id,
        String title,
        ContentKind kind,
        String mimeType,
        long size,
        Optional<Duration> duration,
        Optional<DisplayOption> cover,
        ViewStatus status,
        List<DerivativeState> derivatives,
        List<DisplayOption> displayOptions,
        boolean downloadable,
        LicenseState license,
        List<PurchaseOption> purchaseOptions) {
    public ContentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(cover, "cover");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(license, "license");
        derivatives = List.copyOf(derivatives);
        displayOptions = List.copyOf(displayOptions);
        purchaseOptions = List.copyOf(purchaseOptions);
    }
}
