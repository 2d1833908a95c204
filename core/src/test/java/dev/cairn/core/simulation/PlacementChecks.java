package dev.cairn.core.simulation;

import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.MetaKey;
import dev.cairn.core.dht.ReplicaLease;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.replication.PlacementView;
import dev.cairn.core.replication.ReplicationConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the placement and failover scenarios check, as questions about a simulated overlay: the scenario tests assert
 * the answers are empty or true, the full-size runs count them.
 */
final class PlacementChecks {
    private final SimulatedOverlay overlay;
    private final ReplicationConfig config;
    private final Map<NodeId, SimulatedOverlay.Node> byId = new HashMap<>();

    PlacementChecks(SimulatedOverlay overlay, ReplicationConfig config) {
        this.overlay = overlay;
        this.config = config;
        overlay.nodes().forEach(n -> byId.put(n.id(), n));
    }

    SimulatedOverlay.Node node(NodeId id) {
        return byId.get(id);
    }

    boolean isUp(NodeId id) {
        return overlay.network().isUp(node(id).host());
    }

    /**
     * The view the nodes act on, as the first live node sees it: membership keeps a crashed node for up to
     * DHT_MEMBERSHIP_TTL, so it stays responsible on paper and the live nodes fail over by its silence.
     */
    PlacementView observedView() {
        var observer = overlay.nodes().stream()
                .filter(n -> overlay.network().isUp(n.host()))
                .findFirst()
                .orElseThrow();
        return overlay.view(observer);
    }

    Optional<ContentMeta> meta(NodeId at, ContentId content) {
        return node(at).dht().get(new MetaKey(content)).map(r -> (ContentMeta) r.value());
    }

    static List<NodeId> holders(ContentMeta meta) {
        var out = new ArrayList<NodeId>();
        for (ReplicaLease lease : meta.leases()) {
            out.add(lease.holder());
        }
        return out;
    }

    /** The lowest live responsible node for {@code content} in {@code view}: who should be leading it. */
    NodeId actingLeader(PlacementView view, ContentId content) {
        return view.responsible(content).stream().filter(this::isUp).findFirst().orElseThrow();
    }

    /**
     * The contents of {@code which} whose acting leader does not hold a record naming itself leader with exactly
     * R_target distinct, live holders that pin the content.
     */
    List<ContentId> notAtTarget(List<ContentId> which) {
        PlacementView view = observedView();
        var out = new ArrayList<ContentId>();
        for (ContentId content : which) {
            NodeId leader = actingLeader(view, content);
            boolean ok = meta(leader, content)
                    .filter(m -> m.leader().equals(Optional.of(leader)))
                    .map(PlacementChecks::holders)
                    .filter(h -> h.size() == config.replicationTarget() && new HashSet<>(h).size() == h.size())
                    .filter(h -> h.stream()
                            .allMatch(id -> isUp(id) && node(id).pinned().contains(content)))
                    .isPresent();
            if (!ok) {
                out.add(content);
            }
        }
        return out;
    }

    /** The contents of {@code which} whose leader's holders span fewer than 3 first octets or 3 ASNs. */
    List<ContentId> underDiverse(List<ContentId> which) {
        PlacementView view = observedView();
        var out = new ArrayList<ContentId>();
        for (ContentId content : which) {
            var octets = new HashSet<Integer>();
            var asns = new HashSet<Integer>();
            meta(actingLeader(view, content), content)
                    .map(PlacementChecks::holders)
                    .orElse(List.of())
                    .forEach(h -> {
                        var placement = overlay.network().placement(node(h).host());
                        octets.add(placement.firstOctet());
                        asns.add(placement.asn().getAsInt());
                    });
            if (octets.size() < 3 || asns.size() < 3) {
                out.add(content);
            }
        }
        return out;
    }

    /**
     * The contents of {@code which} after a heal on whose decisions (leader, set of holders) some live responsible node
     * disagrees with the acting leader, or that more or fewer than R_target live nodes pin. Revisions are not compared:
     * a renewal (a new expiry, every half lease TTL) reaches a node whose copy of the heartbeat was lost one heartbeat
     * interval later, and a snapshot catches such copies behind.
     */
    List<ContentId> notConverged(List<ContentId> which) {
        PlacementView view = observedView();
        var out = new ArrayList<ContentId>();
        for (ContentId content : which) {
            Optional<Decisions> leaders =
                    meta(actingLeader(view, content), content).map(Decisions::of);
            boolean same = view.responsible(content).stream()
                    .filter(this::isUp)
                    .allMatch(r -> meta(r, content).map(Decisions::of).equals(leaders));
            long pinning = overlay.nodes().stream()
                    .filter(n -> overlay.network().isUp(n.host()) && n.pinned().contains(content))
                    .count();
            if (!same || pinning != config.replicationTarget()) {
                out.add(content);
            }
        }
        return out;
    }

    /** What a content's record decides, apart from lease expiries and revision. */
    private record Decisions(Optional<NodeId> leader, java.util.Set<NodeId> holders) {
        static Decisions of(ContentMeta meta) {
            return new Decisions(meta.leader(), new HashSet<>(PlacementChecks.holders(meta)));
        }
    }

    /**
     * Where {@code content} stands, for a person reading a run: each live responsible node's record (revision,
     * leader, holders) and the live nodes pinning it.
     */
    String explain(ContentId content) {
        PlacementView view = observedView();
        NodeId leader = actingLeader(view, content);
        List<NodeId> leaderSees = overlay.view(node(leader)).responsible(content);
        var out = new StringBuilder(content.hex().substring(0, 8))
                .append(": acting leader ")
                .append(leader.hex(), 0, 8)
                .append(", responsible in its own view ")
                .append(leaderSees.stream().map(r -> r.hex().substring(0, 8)).toList());
        for (NodeId r : view.responsible(content)) {
            out.append("\n    ").append(r.hex(), 0, 8).append(isUp(r) ? " up   " : " down ");
            meta(r, content)
                    .ifPresentOrElse(
                            m -> out.append("rev ")
                                    .append(m.revision())
                                    .append(" leader ")
                                    .append(m.leader()
                                            .map(l -> l.hex().substring(0, 8))
                                            .orElse("-"))
                                    .append(" holders ")
                                    .append(holders(m).stream()
                                            .map(h -> h.hex().substring(0, 8) + (isUp(h) ? "" : "(down)"))
                                            .toList())
                                    .append(" stamp ")
                                    .append(node(r).dht()
                                            .get(new MetaKey(content))
                                            .orElseThrow()
                                            .dominance()),
                            () -> out.append("no record"));
        }
        out.append("\n    pinned at ")
                .append(overlay.nodes().stream()
                        .filter(n ->
                                overlay.network().isUp(n.host()) && n.pinned().contains(content))
                        .map(n -> n.id().hex().substring(0, 8))
                        .toList());
        return out.toString();
    }

    /** How many contents of {@code which} have a conflict logged in their acting leader's record. */
    long withConflictsLogged(List<ContentId> which) {
        PlacementView view = observedView();
        return which.stream()
                .filter(c -> meta(actingLeader(view, c), c)
                        .map(m -> !m.conflictLog().isEmpty())
                        .orElse(false))
                .count();
    }
}
