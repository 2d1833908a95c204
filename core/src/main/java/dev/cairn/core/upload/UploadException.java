package dev.cairn.core.upload;

import java.util.Objects;

/** An upload request refused; {@link #reason()} says why, and the HTTP adapter answers with its tus status. */
public final class UploadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final UploadFailure reason;

    public UploadException(UploadFailure reason, String message) {
        this(reason, message, null);
    }

    public UploadException(UploadFailure reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public UploadFailure reason() {
        return reason;
    }
}
