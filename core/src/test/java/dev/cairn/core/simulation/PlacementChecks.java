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
     * The contents of {@code which} after a heal that some live responsible node holds a record of different from the
     * acting leader's, or that more or fewer than R_target live nodes pin.
     */
    List<ContentId> notConverged(List<ContentId> which) {
        PlacementView view = observedView();
        var out = new ArrayList<ContentId>();
        for (ContentId content : which) {
            Optional<ContentMeta> leaders = meta(actingLeader(view, content), content);
            boolean same = view.responsible(content).stream()
                    .filter(this::isUp)
                    .allMatch(r -> meta(r, content).equals(leaders));
            long pinning = overlay.nodes().stream()
                    .filter(n -> overlay.network().isUp(n.host()) && n.pinned().contains(content))
                    .count();
            if (!same || pinning != config.replicationTarget()) {
                out.add(content);
            }
        }
        return out;
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
