package dev.cairn.core.upload;

import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Upload sessions in a map: for embedding without a database, and for tests. */
public final class InMemoryUploadSessionStore implements UploadSessionStore {
    private final Map<UploadId, UploadSession> sessions = new HashMap<>();

    @Override
    public synchronized boolean create(UploadSession session) {
        return sessions.putIfAbsent(Objects.requireNonNull(session, "session").id(), session) == null;
    }

    @Override
    public synchronized Optional<UploadSession> find(UploadId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public synchronized boolean advance(UploadId id, long expected, long newOffset) {
        UploadSession s = sessions.get(id);
        if (s == null || s.offset() != expected || s.finished()) {
            return false;
        }
        if (newOffset < expected
                || (s.length().isPresent() && newOffset > s.length().getAsLong())) {
            return false;
        }
        sessions.put(id, s.withOffset(newOffset));
        return true;
    }

    @Override
    public synchronized boolean declareLength(UploadId id, long length) {
        UploadSession s = sessions.get(id);
        if (s == null || s.length().isPresent() || length < s.offset()) {
            return false;
        }
        sessions.put(id, s.withLength(length));
        return true;
    }

    @Override
    public synchronized boolean finish(UploadId id, ContentId content) {
        UploadSession s = sessions.get(id);
        if (s == null || !s.complete() || s.finished()) {
            return false;
        }
        sessions.put(id, s.finishedAs(content));
        return true;
    }

    @Override
    public synchronized boolean delete(UploadId id) {
        return sessions.remove(id) != null;
    }

    @Override
    public synchronized List<UploadSession> expired(Instant now, int limit) {
        return sessions.values().stream()
                .filter(s -> !s.finished() && s.expiresAt().isBefore(now))
                .sorted(Comparator.comparing(UploadSession::expiresAt).thenComparing(s -> s.id().value()))
                .limit(limit)
                .toList();
    }
}
