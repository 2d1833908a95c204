package dev.cairn.core.upload;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One lock per upload, only ever tried, never waited for: a second request on a busy upload is refused at once
 * ({@link UploadFailure#LOCKED}) instead of queueing behind a transfer that may last minutes. The session store's
 * compare-and-set backs it, so even without the lock two requests could not both move an upload.
 */
final class UploadLocks {
    private final Set<UploadId> held = ConcurrentHashMap.newKeySet();

    /** The upload's lock, or empty if another request holds it. */
    Optional<Lock> tryAcquire(UploadId id) {
        return held.add(id) ? Optional.of(new Lock(id)) : Optional.empty();
    }

    /**
     * The upload's lock.
     *
     * @throws UploadException {@link UploadFailure#LOCKED} if another request holds it
     */
    Lock acquire(UploadId id) {
        return tryAcquire(id)
                .orElseThrow(() -> new UploadException(
                        UploadFailure.LOCKED, "upload " + id + " is busy with another request; retry when it is done"));
    }

    boolean isHeld(UploadId id) {
        return held.contains(id);
    }

    /** A held upload lock; closing it releases it. */
    final class Lock implements AutoCloseable {
        private final UploadId id;
        private boolean released;

        private Lock(UploadId id) {
            this.id = id;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                held.remove(id);
            }
        }
    }
}
