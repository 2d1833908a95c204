package dev.cairn.core.replication;

import dev.cairn.core.id.ContentId;

/**
 * Port: the holder side of a lease. The node implements it over HTTP from peers that hold the blob; tests and the
 * simulator use in-memory fakes.
 */
public interface ReplicaFetcher {
    /**
     * Fetches the encrypted blob of {@code content}, checks that its BLAKE3-256 is the ContentId, and pins it. Returns
     * false if it could not (no peer had it, the hash did not match); replication retries on its next round and the
     * leader reassigns the lease if this node never confirms it.
     */
    boolean fetchAndPin(ContentId content);

    /** Drops the pin of a replica this node no longer leases; the blob may then be garbage collected. */
    void unpin(ContentId content);
}
