package dev.cairn.core.upload;

import dev.cairn.core.port.Clock;

/** Looks sessions up the way every request must: another user's upload does not exist, an expired one is gone. */
final class SessionAccess {
    private final UploadSessionStore store;
    private final Clock clock;

    SessionAccess(UploadSessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    UploadSessionStore store() {
        return store;
    }

    /**
     * The upload, if it is {@code ownerId}'s.
     *
     * @throws UploadException {@link UploadFailure#NOT_FOUND} if there is none or it is someone else's
     */
    UploadSession owned(long ownerId, UploadId id) {
        return store.find(id)
                .filter(s -> s.ownerId() == ownerId)
                .orElseThrow(() -> new UploadException(UploadFailure.NOT_FOUND, "upload " + id + " not found"));
    }

    /** The session as stored now, after this request changed it. */
    UploadSession reload(UploadId id) {
        return store.find(id)
                .orElseThrow(() -> new UploadException(UploadFailure.NOT_FOUND, "upload " + id + " not found"));
    }

    /**
     * @throws UploadException {@link UploadFailure#EXPIRED} if the upload is unfinished and past its expiry
     */
    void requireUnexpired(UploadSession s) {
        if (expired(s)) {
            throw new UploadException(
                    UploadFailure.EXPIRED, "upload " + s.id() + " expired at " + s.expiresAt() + " unfinished");
        }
    }

    boolean expired(UploadSession s) {
        return !s.finished() && s.expiresAt().isBefore(clock.instant());
    }
}
