package dev.cairn.adapters.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code content.view}; members that do not apply are left out ({@code metrics_recorded} unless a view was
 * reported).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ViewBody(
        String contentId,
        String title,
        String kind,
        String mimeType,
        long size,
        Long durationMs,
        String coverUrl,
        String status,
        List<Rendition> derivatives,
        List<Option> displayOptions,
        boolean downloadable,
        String license,
        List<Purchase> purchaseOptions,
        Boolean metricsRecorded) {

    /** One rendition's state; {@code failure_reason} only for the owner. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rendition(String kind, String status, int progressPercent, String failureReason) {}

    /** One thing the caller may play, show or download, with the URL to fetch it from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Option(
            String kind, String action, boolean decrypted, String mimeType, long size, String url, Long expiresAt) {}

    /** One way to buy the content: amount in the method's smallest unit (whole Stars, nanotons). */
    public record Purchase(String method, long amount, String currency) {}
}
