package dev.cairn.core.content;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import java.util.List;
import java.util.Optional;

/** Port: the contents registered on this node ({@code contents} in PostgreSQL, a map in memory). */
public interface ContentStore {
    /** Registers a content; false if one with its id exists (the same bytes, so nothing to do). */
    boolean register(ContentRecord content);

    Optional<ContentRecord> find(ContentId id);

    /** Records the IPFS CID of a content; false if there is no such content. */
    boolean setIpfsCid(ContentId id, Cid cid);

    /** Contents still without a CID, oldest first, at most {@code limit}: what the IPFS retry picks up. */
    List<ContentRecord> withoutIpfsCid(int limit);
}
