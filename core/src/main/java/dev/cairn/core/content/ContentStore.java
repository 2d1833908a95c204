package dev.cairn.core.content;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import java.time.Instant;
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

    /**
     * The contents {@code ownerId} uploaded, newest first (ties by id, descending), at most {@code limit}: those
     * created strictly before {@code before} when given, so the page after one ends at its last item's creation time
     * (contents created in the same microsecond as that item are skipped; uploads of one user rarely are).
     */
    List<ContentRecord> ownedBy(long ownerId, Optional<Instant> before, int limit);
}
