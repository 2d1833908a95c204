package dev.cairn.core.replication;

import dev.cairn.core.id.ContentId;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link ReplicaFetcher} that moves blobs on an executor, so that a replication round, which asks for a fetch and
 * expects an answer, never waits for a transfer. It answers true once the blob is pinned; until then it starts one
 * transfer per content (never two at once) and answers false, and the replicator asks again on its next round, as it
 * does after any failed fetch. The blob is pinned by the delegate when its transfer ends.
 */
public final class BackgroundFetcher implements ReplicaFetcher {
    private final ReplicaFetcher delegate;
    private final PinSet pins;
    private final Executor executor;
    private final Set<ContentId> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param delegate the fetcher that transfers, verifies and pins (blocking)
     * @param pins the pins the delegate records, read to answer without waiting
     * @param executor where transfers run; a bounded one limits concurrent transfers
     */
    public BackgroundFetcher(ReplicaFetcher delegate, PinSet pins, Executor executor) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public boolean fetchAndPin(ContentId content) {
        if (pins.contains(content)) {
            return true;
        }
        if (inFlight.add(content)) {
            try {
                executor.execute(() -> {
                    try {
                        delegate.fetchAndPin(content);
                    } finally {
                        inFlight.remove(content);
                    }
                });
            } catch (RejectedExecutionException e) {
                inFlight.remove(content); // saturated or shutting down: the next round asks again
            }
        }
        return false;
    }

    @Override
    public void unpin(ContentId content) {
        delegate.unpin(content);
    }

    /** Transfers started and not finished. */
    public int inFlight() {
        return inFlight.size();
    }
}
