package dev.cairn.core.upload;

import dev.cairn.core.port.Clock;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes unfinished uploads past their expiry, with their spools, and spools no session refers to (left by a crash
 * between deleting a session and its spool, or during a final upload's assembly). An expired upload whose every byte
 * arrived is finished instead: its client did all it had to. Uploads busy with a request are left for the next run.
 */
final class ExpirySweep {
    private static final Logger log = LoggerFactory.getLogger(ExpirySweep.class);

    private final UploadSessionStore sessions;
    private final UploadSpool spool;
    private final UploadLocks locks;
    private final LiveHashes live;
    private final UploadFinisher finisher;
    private final Clock clock;

    ExpirySweep(
            UploadSessionStore sessions,
            UploadSpool spool,
            UploadLocks locks,
            LiveHashes live,
            UploadFinisher finisher,
            Clock clock) {
        this.sessions = sessions;
        this.spool = spool;
        this.locks = locks;
        this.live = live;
        this.finisher = finisher;
        this.clock = clock;
    }

    /** One run over at most {@code limit} expired sessions, then over every spool; returns how many were deleted. */
    int run(int limit) {
        int deleted = 0;
        Instant now = clock.instant();
        for (UploadSession listed : sessions.expired(now, limit)) {
            Optional<UploadLocks.Lock> lock = locks.tryAcquire(listed.id());
            if (lock.isEmpty()) {
                continue;
            }
            try (UploadLocks.Lock held = lock.get()) {
                // Read again under the lock: a request may have finished or deleted it since it was listed.
                Optional<UploadSession> current = sessions.find(listed.id());
                if (current.isEmpty() || current.get().finished()) {
                    continue;
                }
                UploadSession s = current.get();
                if (s.complete() && !(s.concatenation() instanceof Concatenation.Partial)) {
                    finisher.finish(s);
                    continue;
                }
                sessions.delete(s.id());
                live.forget(s.id());
                spool.discard(s.id());
                deleted++;
                log.info(
                        "Deleted upload {} of user {}: expired at {} with {} bytes",
                        s.id(),
                        s.ownerId(),
                        s.expiresAt(),
                        s.offset());
            } catch (IOException | RuntimeException e) {
                log.warn("Could not sweep expired upload {}, will retry: {}", listed.id(), e.toString());
            }
        }
        return deleted + sweepOrphans();
    }

    private int sweepOrphans() {
        int deleted = 0;
        try {
            for (UploadId id : spool.list()) {
                // Look before locking: a live upload's spool is left alone, and its PATCH never meets the sweep's lock.
                if (!orphaned(id)) {
                    continue;
                }
                Optional<UploadLocks.Lock> lock = locks.tryAcquire(id);
                if (lock.isEmpty()) {
                    continue;
                }
                try (UploadLocks.Lock held = lock.get()) {
                    if (orphaned(id)) {
                        spool.discard(id);
                        deleted++;
                        log.info("Deleted the spool of upload {}, which has no unfinished session", id);
                    }
                }
            }
        } catch (IOException e) {
            log.warn("Could not sweep the upload spool {}, will retry: {}", spool.directory(), e.toString());
        }
        return deleted;
    }

    private boolean orphaned(UploadId id) {
        Optional<UploadSession> session = sessions.find(id);
        return session.isEmpty() || session.get().finished();
    }
}
