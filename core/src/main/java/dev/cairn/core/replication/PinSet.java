package dev.cairn.core.replication;

import dev.cairn.core.id.ContentId;
import java.util.Set;

/**
 * The replicas this node holds as a lease holder (pinned blobs must not be garbage collected). Implementations are
 * safe for concurrent use.
 */
public interface PinSet {
    /** Pins {@code content}; returns whether it was not pinned before. */
    boolean add(ContentId content);

    /** Unpins {@code content}; returns whether it was pinned. */
    boolean remove(ContentId content);

    boolean contains(ContentId content);

    /** A copy of the pinned contents. */
    Set<ContentId> snapshot();
}
