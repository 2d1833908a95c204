package dev.cairn.core.upload;

import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where upload sessions are kept ({@code upload_sessions} in PostgreSQL, a map in memory). Every change is a
 * compare-and-set on what the caller saw, so two requests racing on one upload cannot both move it.
 */
public interface UploadSessionStore {
    /** Stores a new session; false if its id is taken. */
    boolean create(UploadSession session);

    Optional<UploadSession> find(UploadId id);

    /** Moves the durable offset from {@code expected} to {@code newOffset}; false if it was not at {@code expected}. */
    boolean advance(UploadId id, long expected, long newOffset);

    /** Sets a deferred length; false if a length is already set or the offset lies beyond it. */
    boolean declareLength(UploadId id, long length);

    /** Records the content a complete upload became; false if it is not complete or already finished. */
    boolean finish(UploadId id, ContentId content);

    /** Forgets a session; false if there was none. */
    boolean delete(UploadId id);

    /** Unfinished sessions whose expiry lies before {@code now}, at most {@code limit}, earliest first. */
    List<UploadSession> expired(Instant now, int limit);
}
