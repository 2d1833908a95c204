package dev.cairn.core.metrics;

import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.InvalidRecordException;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.MergeOutcome;
import dev.cairn.core.dht.MetricKey;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.port.Clock;
import dev.cairn.core.replication.PlacementView;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings every metric window this node holds to every node responsible for its content, and keeps the responsible
 * nodes in sync with each other, so that views counted anywhere, even on both sides of a partition, end up counted
 * once at each responsible node.
 *
 * <p>The protocol is push until acknowledged. For each window it holds, a node remembers, per peer, the digest
 * (BLAKE3-256 of the canonical encoding) of the value that peer is known to hold. Each {@link #tick round} it sends
 * its record to every responsible peer whose known digest differs from its own value's. A receiver merges the record
 * (a join: counters per node, HyperLogLog union) and answers with an {@link MetricMessage.Ack} of its merged value's
 * digest if that equals what it received, or else with its own merged record, which the sender merges in turn.
 * Every exchange either ends in an acknowledgement or strictly grows a value in a finite lattice, so it terminates; a
 * lost message only delays the acknowledgement to a later round. Windows older than the retention are no longer
 * pushed (they stay in the record store).
 *
 * <p>Thread-safe: the node's scheduler and its message handler call it concurrently. The transport must not block
 * (the HTTP sender queues).
 */
public final class MetricGossip {
    /** Windows are pushed for two days after they start: long enough to outlast any partition worth healing. */
    public static final long DEFAULT_RETENTION_SECONDS = 2 * 86_400;

    private final NodeId self;
    private final LocalDht dht;
    private final MetricTransport transport;
    private final Clock clock;
    private final RecordValueCodec codec;
    private final long retentionSeconds;
    private final Map<MetricKey, Sync> windows = new HashMap<>();
    private long sent;

    /** What this node knows of one window: its own value's digest (cached per record) and what each peer holds. */
    private static final class Sync {
        String signature = "";
        Digest256 digest;
        final Map<NodeId, Digest256> peerHas = new HashMap<>();
    }

    public MetricGossip(
            NodeId self,
            LocalDht dht,
            MetricTransport transport,
            Clock clock,
            RecordValueCodec codec,
            long retentionSeconds) {
        this.self = Objects.requireNonNull(self, "self");
        this.dht = Objects.requireNonNull(dht, "dht");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (retentionSeconds <= 0) {
            throw new IllegalArgumentException("metric gossip retention must be > 0 seconds: " + retentionSeconds);
        }
        this.retentionSeconds = retentionSeconds;
    }

    /** This node changed a window (it recorded a view): push it from the next round on. */
    public synchronized void changed(MetricKey key) {
        windows.computeIfAbsent(Objects.requireNonNull(key, "key"), k -> new Sync());
    }

    /** One round: sends every retained window to each responsible peer not known to hold its current value. */
    public synchronized void tick(PlacementView view) {
        long oldest = clock.epochSecond() - retentionSeconds;
        for (Iterator<Map.Entry<MetricKey, Sync>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            MetricKey key = entry.getKey();
            Optional<DhtRecord> record = dht.get(key);
            if (key.windowStart() < oldest || record.isEmpty()) {
                it.remove();
                continue;
            }
            Sync sync = entry.getValue();
            Digest256 mine = digest(sync, record.get());
            for (NodeId peer : view.responsible(key.contentId())) {
                if (!peer.equals(self) && !mine.equals(sync.peerHas.get(peer))) {
                    send(peer, new MetricMessage.Window(record.get()));
                }
            }
        }
    }

    /** Handles a message from {@code from}, as authenticated by the transport. */
    public synchronized void receive(NodeId from, MetricMessage message) {
        switch (message) {
            case MetricMessage.Window w -> receiveWindow(from, w.metric());
            case MetricMessage.Ack a -> {
                Sync sync = windows.get(a.key());
                Optional<DhtRecord> record = dht.get(a.key());
                // An ack of an older value of ours says nothing about the current one: the next round resends.
                if (sync != null
                        && record.isPresent()
                        && digest(sync, record.get()).equals(a.valueDigest())) {
                    sync.peerHas.put(from, a.valueDigest());
                }
            }
        }
    }

    /** Windows this node is pushing or keeping in sync. */
    public synchronized int tracked() {
        return windows.size();
    }

    /** Window messages sent since start. */
    public synchronized long windowsSent() {
        return sent;
    }

    private void receiveWindow(NodeId from, DhtRecord incoming) {
        MetricKey key = (MetricKey) incoming.key();
        if (key.windowStart() < clock.epochSecond() - retentionSeconds) {
            return; // too old to track; the sender stops pushing it once its own retention passes
        }
        MergeOutcome outcome;
        try {
            outcome = dht.accept(incoming);
        } catch (InvalidRecordException e) {
            return; // a forged or damaged record: nothing merged, nothing answered
        }
        Sync sync = windows.computeIfAbsent(key, k -> new Sync());
        Digest256 theirs = Digest256.blake3(codec.encode(incoming.value()));
        Digest256 merged = digest(sync, outcome.record());
        if (merged.equals(theirs)) {
            sync.peerHas.put(from, merged);
            send(from, new MetricMessage.Ack(key, merged));
        } else {
            sync.peerHas.put(from, theirs);
            send(from, new MetricMessage.Window(outcome.record()));
        }
    }

    /** The digest of {@code record}'s value, recomputed only when the record changed (a new signature). */
    private Digest256 digest(Sync sync, DhtRecord record) {
        if (sync.digest == null || !sync.signature.equals(record.signature())) {
            sync.digest = Digest256.blake3(codec.encode(record.value()));
            sync.signature = record.signature();
        }
        return sync.digest;
    }

    private void send(NodeId to, MetricMessage message) {
        if (message instanceof MetricMessage.Window) {
            sent++;
        }
        transport.send(to, message);
    }
}
