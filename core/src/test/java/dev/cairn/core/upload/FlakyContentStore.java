package dev.cairn.core.upload;

import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.content.InMemoryContentStore;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The in-memory content store, whose next registration can be made to fail as a database outage would. */
final class FlakyContentStore implements ContentStore {
    private final InMemoryContentStore store = new InMemoryContentStore();
    private final AtomicBoolean failNext = new AtomicBoolean();

    void failNextRegistration() {
        failNext.set(true);
    }

    @Override
    public boolean register(ContentRecord content) {
        if (failNext.getAndSet(false)) {
            throw new IllegalStateException("the database is down");
        }
        return store.register(content);
    }

    @Override
    public Optional<ContentRecord> find(ContentId id) {
        return store.find(id);
    }

    @Override
    public boolean setIpfsCid(ContentId id, Cid cid) {
        return store.setIpfsCid(id, cid);
    }

    @Override
    public List<ContentRecord> withoutIpfsCid(int limit) {
        return store.withoutIpfsCid(limit);
    }

    @Override
    public List<ContentRecord> ownedBy(long ownerId, Optional<Instant> before, int limit) {
        return store.ownedBy(ownerId, before, limit);
    }
}
