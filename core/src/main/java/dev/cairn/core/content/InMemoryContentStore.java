package dev.cairn.core.content;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Contents in a map: for embedding without a database, and for tests. */
public final class InMemoryContentStore implements ContentStore {
    private static final Comparator<ContentRecord> OLDEST_FIRST =
            Comparator.comparing(ContentRecord::createdAt).thenComparing(ContentRecord::id);

    private final Map<ContentId, ContentRecord> contents = new HashMap<>();

    @Override
    public synchronized boolean register(ContentRecord content) {
        return contents.putIfAbsent(Objects.requireNonNull(content, "content").id(), content) == null;
    }

    @Override
    public synchronized Optional<ContentRecord> find(ContentId id) {
        return Optional.ofNullable(contents.get(id));
    }

    @Override
    public synchronized boolean setIpfsCid(ContentId id, Cid cid) {
        Objects.requireNonNull(cid, "cid");
        ContentRecord c = contents.get(id);
        if (c == null) {
            return false;
        }
        contents.put(
                id,
                new ContentRecord(
                        c.id(),
                        c.ownerId(),
                        c.kind(),
                        c.mimeType(),
                        c.size(),
                        c.title(),
                        c.fileName(),
                        c.wrappedKey(),
                        c.createdAt(),
                        Optional.of(cid)));
        return true;
    }

    @Override
    public synchronized List<ContentRecord> withoutIpfsCid(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a limit is >= 0, got " + limit);
        }
        return contents.values().stream()
                .filter(c -> c.ipfsCid().isEmpty())
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<ContentRecord> ownedBy(long ownerId, Optional<Instant> before, int limit) {
        Objects.requireNonNull(before, "before");
        if (limit < 0) {
            throw new IllegalArgumentException("a limit is >= 0, got " + limit);
        }
        return contents.values().stream()
                .filter(c -> c.ownerId() == ownerId)
                .filter(c -> before.isEmpty() || c.createdAt().isBefore(before.get()))
                .sorted(OLDEST_FIRST.reversed())
                .limit(limit)
                .toList();
    }
}
