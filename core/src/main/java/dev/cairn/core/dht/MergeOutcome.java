package dev.cairn.core.dht;

import java.util.Objects;

/**
 * What merging an incoming record did to a key.
 *
 * @param record the key's record after the merge
 * @param change whether the stored record stayed, was replaced by the incoming one, or by a new joined one
 * @param conflict whether two writes raced and one was discarded by dominance (counted as
 *     {@code dht_merge_conflicts_total})
 */
public record MergeOutcome(DhtRecord record, Change change, boolean conflict) {
    /** How the stored record changed. */
    public enum Change {
        /** The stored record already held everything the incoming one had. */
        KEPT,
        /** The incoming record is now the stored one. */
        REPLACED,
        /** Neither record held everything: a join of both, signed by this node, is now stored. */
        JOINED
    }

    public MergeOutcome {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(change, "change");
    }
}
