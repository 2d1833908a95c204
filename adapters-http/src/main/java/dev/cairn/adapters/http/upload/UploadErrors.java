package dev.cairn.adapters.http.upload;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.core.upload.UploadException;
import dev.cairn.core.upload.UploadFailure;

/**
 * The one mapping from core's upload refusals to HTTP, shared by the tus routes, the tusd hooks and the single-request
 * upload. Statuses are tus's where tus names one (409 offset, 412 version, 413 size, 460 checksum); the table is on
 * {@link UploadFailure}.
 */
public final class UploadErrors {
    /** tus's status for a chunk whose {@code Upload-Checksum} does not match. */
    public static final int CHECKSUM_MISMATCH = 460;

    private UploadErrors() {}

    /** The API error for {@code e}: its reason's status and code, its message (a storage failure's is not shown). */
    public static ApiException toApi(UploadException e) {
        UploadFailure reason = e.reason();
        if (reason == UploadFailure.STORAGE) {
            // The message names spool paths and I/O errors: for the log, not for the caller.
            return new ApiException(
                    500,
                    reason.code(),
                    "the upload could not be stored; every byte acknowledged before is kept: ask for the offset and"
                            + " resume",
                    e);
        }
        return new ApiException(status(reason), reason.code(), e.getMessage());
    }

    /** The HTTP status of {@code reason}. */
    public static int status(UploadFailure reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case EXPIRED -> 410;
            case LOCKED -> 423;
            case OFFSET_MISMATCH -> 409;
            case CHECKSUM_MISMATCH -> CHECKSUM_MISMATCH;
            case TOO_LARGE, EXCEEDS_LENGTH -> 413;
            case INVALID_CHECKSUM, INVALID_LENGTH, INVALID_METADATA, INVALID_CONCATENATION -> 400;
            case NOT_PATCHABLE -> 403;
            case STORAGE -> 500;
        };
    }
}
