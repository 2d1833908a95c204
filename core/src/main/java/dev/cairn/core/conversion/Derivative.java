package dev.cairn.core.conversion;

import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.encryption.StoredContent;
import dev.cairn.core.encryption.WrappedKey;
import dev.cairn.core.id.ContentId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One rendition of a content as the node knows it: the row of {@code derivatives}. Written by the conversion workers,
 * read by the view policy. A ready derivative has its own blob (its BLAKE3 id) and, unless it is public, its own key
 * wrapped by the master key.
 *
 * @param content the content it derives from
 * @param kind which rendition
 * @param status where it stands
 * @param progressPercent 0 to 100; 100 when ready
 * @param codec e.g. {@code h264}, {@code aac}, {@code mp3}, {@code png}, once known
 * @param bitrateBps once known
 * @param size width and height of a picture or video, once known
 * @param duration of audio or video, once known
 * @param bytes the stored size, once ready
 * @param blob the stored blob's id, once ready
 * @param wrappedKey its key, wrapped by the master key, when it is stored encrypted
 * @param failureReason why it failed, for the owner
 * @param updatedAt when this state was written
 */
public record Derivative(
        ContentId content,
        DerivativeKind kind,
        DerivativeStatus status,
        int progressPercent,
        Optional<String> codec,
        OptionalLong bitrateBps,
        Optional<Dimensions> size,
        Optional<Duration> duration,
        OptionalLong bytes,
        Optional<ContentId> blob,
        Optional<WrappedKey> wrappedKey,
        Optional<String> failureReason,
        Instant updatedAt) {

    public Derivative {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(bitrateBps, "bitrateBps");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        Objects.requireNonNull(failureReason, "failureReason");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (progressPercent < 0 || progressPercent > 100) {
            throw new IllegalArgumentException("progress is 0 to 100 percent, got " + progressPercent);
        }
        if (status == DerivativeStatus.READY && (blob.isEmpty() || bytes.isEmpty())) {
            throw new IllegalArgumentException("a ready " + kind.wire() + " of " + content + " has a stored blob");
        }
        if (status == DerivativeStatus.FAILED && failureReason.isEmpty()) {
            throw new IllegalArgumentException("a failed " + kind.wire() + " of " + content + " says why");
        }
    }

    /** A derivative asked for and not started. */
    public static Derivative pending(ContentId content, DerivativeKind kind, Instant now) {
        return unstored(content, kind, DerivativeStatus.PENDING, 0, Optional.empty(), now);
    }

    /** A derivative a worker is making, {@code percent} of the way. */
    public static Derivative processing(ContentId content, DerivativeKind kind, int percent, Instant now) {
        return unstored(content, kind, DerivativeStatus.PROCESSING, percent, Optional.empty(), now);
    }

    /** A derivative given up on, with {@code reason} for the owner. */
    public static Derivative failed(ContentId content, DerivativeKind kind, String reason, Instant now) {
        return unstored(content, kind, DerivativeStatus.FAILED, 0, Optional.of(reason), now);
    }

    /** A derivative with nothing stored yet: no codec, sizes, blob or key to tell. */
    private static Derivative unstored(
            ContentId content,
            DerivativeKind kind,
            DerivativeStatus status,
            int percent,
            Optional<String> failureReason,
            Instant now) {
        return new Derivative(
                content,
                kind,
                status,
                percent,
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                failureReason,
                now);
    }

    /** A rendition made and stored as {@code stored}, described by what the transcoder measured on it. */
    public static Derivative ready(
            ContentId content, DerivativeKind kind, TranscodeReport report, StoredContent stored, Instant now) {
        return new Derivative(
                content,
                kind,
                DerivativeStatus.READY,
                100,
                Optional.of(report.codec()),
                report.bitrateBps(),
                report.size(),
                report.duration(),
                OptionalLong.of(stored.size()),
                Optional.of(stored.id()),
                Optional.of(stored.wrappedKey()),
                Optional.empty(),
                now);
    }

    /** The upload served as it is: its row names the content's own blob and key. */
    public static Derivative original(ContentRecord content, Instant now) {
        return new Derivative(
                content.id(),
                DerivativeKind.ORIGINAL,
                DerivativeStatus.READY,
                100,
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.of(content.size()),
                Optional.of(content.id()),
                Optional.of(content.wrappedKey()),
                Optional.empty(),
                now);
    }
}
