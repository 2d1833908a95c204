package dev.cairn.adapters.http.overlay;

import dev.cairn.core.id.NodeId;
import java.util.ArrayDeque;

/**
 * The messages waiting for one peer, and whether a drainer is running for them. Once the drainer finds the queue
 * empty it retires it: later offers are told so and go to a fresh queue, so no message is left behind unattended.
 */
final class PeerQueue {
    enum Offer {
        /** Queued behind a running drainer. */
        QUEUED,
        /** Queued; the caller must start the drainer. */
        STARTED,
        FULL,
        RETIRED
    }

    final NodeId peer;
    private final ArrayDeque<OverlayMessage> messages = new ArrayDeque<>();
    private boolean draining;
    private boolean retired;

    PeerQueue(NodeId peer) {
        this.peer = peer;
    }

    synchronized Offer offer(OverlayMessage message, int capacity) {
        if (retired) {
            return Offer.RETIRED;
        }
        if (messages.size() >= capacity) {
            return Offer.FULL;
        }
        messages.add(message);
        if (draining) {
            return Offer.QUEUED;
        }
        draining = true;
        return Offer.STARTED;
    }

    /** The next message, or null after retiring the queue if there is none. */
    synchronized OverlayMessage pollOrRetire() {
        OverlayMessage next = messages.poll();
        if (next == null) {
            retired = true;
        }
        return next;
    }
}
