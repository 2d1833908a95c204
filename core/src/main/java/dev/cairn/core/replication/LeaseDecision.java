package dev.cairn.core.replication;

import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.ReplicaLease;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The acting leader's decision on one content in one round, without effects: which leases lapse (expired, silent for a
 * failure window, granted but not accepted within the acceptance window, or the holder gone from the view), who the
 * placement keeps or adds (ranking suspected nodes last), which leases are renewed (at half their TTL) or granted, and
 * which replicas are trimmed. {@link Replicator} publishes the record and sends the messages.
 *
 * @param leases the leases of the new record, one per holder the placement chose
 * @param placed the holders the placement chose
 * @param trimmed replicas held (leased or only pinned) that the placement no longer wants: they get a {@code Release}
 */
record LeaseDecision(List<ReplicaLease> leases, List<NodeId> placed, Set<NodeId> trimmed) {

    static LeaseDecision decide(
            ContentId content,
            ContentMeta meta,
            ContentState state,
            PlacementView view,
            ReplicationConfig config,
            Set<NodeId> suspected,
            long now,
            RoundTally round) {
        long window = config.failureAfterMillis();
        var live = new TreeSet<NodeId>();
        for (ReplicaLease lease : meta.leases()) {
            NodeId h = lease.holder();
            boolean expired = lease.expiresAtMillis() <= now;
            // A new holder that never accepted is as failed as a silent one, only found sooner.
            boolean silent = now - state.lastSign(h, now) >= window
                    || state.unanswered(h, now, config.acceptanceWindowMillis(), window);
            if (expired || silent || view.candidate(h).isEmpty()) {
                round.revoked++;
                state.trackedSince.remove(h);
                if (silent) {
                    state.failed.put(h, now);
                }
            } else {
                live.add(h);
            }
        }
        // Replicas pinned but not leased (the losing side of a partition) count, and may be kept or trimmed.
        var incumbents = new TreeSet<>(live);
        state.holderHeard.forEach((h, at) -> {
            if (now - at < window && view.candidate(h).isPresent()) {
                incumbents.add(h);
            }
        });
        int target = config.replicationTarget();
        long confirmed = incumbents.stream()
                .filter(h -> state.heardWithin(h, now, window))
                .count();
        round.over += incumbents.size() > target ? 1 : 0;
        round.under += confirmed < target ? 1 : 0;

        Placement placement = view.place(
                content, incumbents, state.excluded(now, config.leaseTtl().toMillis()), suspected);
        round.underDiverse += placement.diversity().satisfied() ? 0 : 1;
        long ttl = config.leaseTtl().toMillis();
        var leases = new ArrayList<ReplicaLease>();
        for (NodeId h : placement.holderIds()) {
            Optional<ReplicaLease> current = live.contains(h) ? meta.leaseOf(h) : Optional.empty();
            // Renew at half the TTL: one write per lease per 300 s, and a lease never lapses between rounds.
            boolean fresh = current.isPresent() && current.get().expiresAtMillis() - now > ttl / 2;
            leases.add(fresh ? current.get() : new ReplicaLease(h, now + ttl));
            if (!live.contains(h)) {
                round.granted++;
                state.trackedSince.put(h, now);
            }
        }
        var trimmed = new TreeSet<>(incumbents);
        placement.holderIds().forEach(trimmed::remove);
        return new LeaseDecision(List.copyOf(leases), List.copyOf(placement.holderIds()), trimmed);
    }
}
