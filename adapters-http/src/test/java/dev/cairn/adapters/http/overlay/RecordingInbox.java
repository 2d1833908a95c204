package dev.cairn.adapters.http.overlay;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.replication.ReplicationMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An inbox that keeps what it is given, in arrival order, for a test thread to take. */
final class RecordingInbox implements OverlayInbox {
    record Delivery(NodeId from, Object message) {}

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

    @Override
    public void replication(NodeId from, ReplicationMessage message) {
        deliveries.add(new Delivery(from, message));
    }

    @Override
    public void metric(NodeId from, MetricMessage message) {
        deliveries.add(new Delivery(from, message));
    }

    /** The next delivery; fails rather than hang if none comes within a minute. */
    Delivery take() throws InterruptedException {
        Delivery next = deliveries.poll(1, TimeUnit.MINUTES);
        if (next == null) {
            throw new AssertionError("no overlay message arrived within a minute");
        }
        return next;
    }

    int size() {
        return deliveries.size();
    }
}
