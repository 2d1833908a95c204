package dev.cairn.core.upload;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules of the upload pipeline.
 *
 * @param maxContentSizeMb {@code MAX_CONTENT_SIZE_MB}: the largest content accepted, in MiB (1 to 1,048,576)
 * @param expiry how long after its creation an unfinished upload is kept ({@code Upload-Expires})
 * @param liveHashLimit how many uploads keep their BLAKE3 state in memory between requests, about 600 KiB each; an
 *     upload beyond it re-reads its ciphertext prefix once when it continues (0: always re-read)
 */
public record UploadConfig(int maxContentSizeMb, Duration expiry, int liveHashLimit) {
    /** The default expiry: a day, room for a phone that lost its connection overnight. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);
    /** The default number of uploads that keep their hash state in memory: about 40 MiB. */
    public static final int DEFAULT_LIVE_HASH_LIMIT = 64;

    private static final int MAX_MB = 1_048_576;

    public UploadConfig {
        Objects.requireNonNull(expiry, "expiry");
        if (maxContentSizeMb < 1 || maxContentSizeMb > MAX_MB) {
            throw new IllegalArgumentException(
                    "MAX_CONTENT_SIZE_MB is 1 to " + MAX_MB + " (MiB), got " + maxContentSizeMb);
        }
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("an upload expiry is positive, got " + expiry);
        }
        if (liveHashLimit < 0) {
            throw new IllegalArgumentException("the live hash limit is >= 0, got " + liveHashLimit);
        }
    }

    /** {@code MAX_CONTENT_SIZE_MB} with the default expiry and live hash limit. */
    public static UploadConfig withMaxContentSizeMb(int maxContentSizeMb) {
        return new UploadConfig(maxContentSizeMb, DEFAULT_EXPIRY, DEFAULT_LIVE_HASH_LIMIT);
    }

    /** The largest content in bytes ({@code Tus-Max-Size}). */
    public long maxContentBytes() {
        return maxContentSizeMb * 1024L * 1024L;
    }

    /** Refuses a declared length over the limit, naming the limit. */
    void requireWithinLimit(long length, String what) {
        if (length > maxContentBytes()) {
            throw tooLarge(what + " of " + length + " bytes is over the limit");
        }
    }

    /** {@link UploadFailure#TOO_LARGE}, the message followed by the limit. */
    UploadException tooLarge(String message) {
        return new UploadException(
                UploadFailure.TOO_LARGE,
                message + " (MAX_CONTENT_SIZE_MB=" + maxContentSizeMb + ", " + maxContentBytes() + " bytes)");
    }
}
