package dev.cairn.core.conversion;

import java.util.Locale;

/** Why a conversion failed; stable codes for the job's {@code last_error} and the derivative's status. */
public enum ConversionFailure {
    /** FFmpeg cannot read the file as media: corrupt, truncated, or a format it does not know. */
    UNREADABLE_INPUT,
    /** The file opens but holds no sound or picture that can be decoded (or no embedded picture for a cover). */
    NO_MEDIA_STREAM,
    /** The original is larger than {@code CONVERT_MAX_INPUT_MB}. */
    INPUT_TOO_LARGE,
    /** The original plays longer than {@code CONVERT_MAX_DURATION_SEC}. */
    INPUT_TOO_LONG,
    /** The job ran longer than {@code CONVERT_TIMEOUT_SEC}. */
    TIMED_OUT,
    /** Someone cancelled the job (the node is stopping, the content was deleted). */
    CANCELLED,
    /** Reading the original or writing the rendition failed (disk, blob store). */
    STORAGE,
    /**
     * Native memory ran out: the node's budget for conversions ({@code CONVERT_MEMORY_LIMIT_MB} per worker) was spent,
     * by this job or by others running beside it.
     */
    OUT_OF_MEMORY,
    /** The encoder or muxer failed on input it had accepted: a bug or a limit of the FFmpeg build. */
    ENCODER;

    /** The lower-case code for storage and error bodies. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether trying again later may succeed (storage hiccups, a timeout or no memory on a busy node); not for bad
     * input.
     */
    public boolean retryable() {
        return this == STORAGE || this == TIMED_OUT || this == CANCELLED || this == OUT_OF_MEMORY;
    }
}
