package dev.cairn.core.replication;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.ipfs.Ipfs;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins lease holders' replicas in the node's IPFS daemon by CID, on an executor, so that a replication round never
 * waits for Kubo (a pin fetches the blob's blocks from the IPFS network and may take as long as a transfer). It
 * remembers which CID it pinned for each content, so each is pinned once; the {@link Replicator} decides when to try
 * again after a failure.
 *
 * <p>It never unpins in Kubo: a replica this node stops holding stays pinned in its daemon until an operator removes
 * it. Memory of what is pinned lives in this process only; after a restart each held replica is pinned once more,
 * which for a CID already pinned is a quick no-op in Kubo. Safe for concurrent use.
 */
public final class IpfsPinner {
    private static final Logger log = LoggerFactory.getLogger(IpfsPinner.class);

    private final Ipfs ipfs;
    private final Executor executor;
    private final Map<ContentId, Cid> pinned = new ConcurrentHashMap<>();
    private final Set<ContentId> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<ContentId> failing = ConcurrentHashMap.newKeySet();

    /**
     * @param ipfs the node's daemon; {@link Ipfs#NONE} turns pinning off
     * @param executor where pins run; a bounded one limits concurrent pins
     */
    public IpfsPinner(Ipfs ipfs, Executor executor) {
        this.ipfs = Objects.requireNonNull(ipfs, "ipfs");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** A pinner for a node without IPFS: {@link #enabled()} is false. */
    public static IpfsPinner off() {
        return new IpfsPinner(Ipfs.NONE, Runnable::run);
    }

    /** Whether there is a daemon to pin in. */
    public boolean enabled() {
        return ipfs.enabled();
    }

    /** Whether a pin of {@code cid} for {@code content} succeeded (and was not forgotten since). */
    public boolean pinned(ContentId content, Cid cid) {
        return cid.equals(pinned.get(content));
    }

    /**
     * Starts pinning {@code cid} for {@code content} in the background, unless a pin for it is running; returns at
     * once. A failure is logged (a warning the first time in a row, then at debug level) and left for the caller to
     * retry.
     */
    public void start(ContentId content, Cid cid) {
        if (!enabled() || !inFlight.add(content)) {
            return;
        }
        try {
            executor.execute(() -> pin(content, cid));
        } catch (RejectedExecutionException e) {
            inFlight.remove(content); // saturated or shutting down: the replicator asks again later
        }
    }

    /**
     * Forgets {@code content}: this node no longer holds it, and a later lease pins it again. (A pin still running
     * may record it once more when it ends; that only spares a later lease a pin Kubo already has.)
     */
    public void forget(ContentId content) {
        pinned.remove(content);
        failing.remove(content);
    }

    /** Pins started and not finished. */
    public int inFlight() {
        return inFlight.size();
    }

    /** The contents pinned, with their CIDs: a copy. */
    public Map<ContentId, Cid> snapshot() {
        return Map.copyOf(pinned);
    }

    private void pin(ContentId content, Cid cid) {
        try {
            ipfs.pin(cid);
            pinned.put(content, cid);
            if (failing.remove(content)) {
                log.info("Replica {} is pinned in IPFS as {} after failed attempts", content, cid);
            } else {
                log.debug("Replica {} is pinned in IPFS as {}", content, cid);
            }
        } catch (IOException | RuntimeException e) {
            if (failing.add(content)) {
                log.warn("Could not pin replica {} in IPFS as {}, retried later: {}", content, cid, e.toString());
            } else {
                log.debug("Could not pin replica {} in IPFS as {} again: {}", content, cid, e.toString());
            }
        } finally {
            inFlight.remove(content);
        }
    }
}
