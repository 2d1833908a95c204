package dev.cairn.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.ReplicaLease;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicatorTest {
    static final Duration STEP = Duration.ofSeconds(5);
    static final ContentId CONTENT = new ContentId(Digest256.blake3("replicated".getBytes(StandardCharsets.UTF_8)));

    LoopbackNetwork net;
    List<NodeId> responsible;
    NodeId leader;

    @BeforeEach
    void settle() {
        net = new LoopbackNetwork(8);
        net.contents.add(CONTENT);
        net.tick();
        net.run(Duration.ofSeconds(10), STEP);
        responsible = net.view().responsible(CONTENT);
        leader = responsible.getFirst();
    }

    @Test
    void theLowestResponsibleNodeLeasesThreeDiverseReplicasThatPinAndConfirm() {
        ContentMeta meta = net.meta(leader, CONTENT);

        assertThat(responsible).hasSizeGreaterThanOrEqualTo(3);
        assertThat(meta.leader()).contains(leader);
        assertThat(meta.leases()).hasSize(3);
        assertThat(net.pinning(CONTENT)).containsExactlyInAnyOrderElementsOf(holders(meta));
        assertThat(net.view().place(CONTENT, holders(meta)).diversity().satisfied())
                .isTrue();
        assertThat(net.node(leader).metrics().underReplicated()).isZero();
        assertThat(net.node(leader).metrics().overReplicated()).isZero();
        // Every node that should know the record has the leader's one.
        for (NodeId id : responsible) {
            assertThat(net.record(id, CONTENT)).isEqualTo(net.record(leader, CONTENT));
        }
    }

    @Test
    void leasesAreRenewedBeforeTheyExpireWhileHoldersHeartbeat() {
        net.run(Duration.ofSeconds(1_800), STEP);

        ContentMeta meta = net.meta(leader, CONTENT);
        assertThat(meta.leases())
                .hasSize(3)
                .allSatisfy(l -> assertThat(l.expiresAtMillis() - net.clock.millis())
                        .isGreaterThan(net.config.leaseTtl().toMillis() / 2 - STEP.toMillis()));
        assertThat(net.pinning(CONTENT)).hasSize(3);
    }

    @Test
    void aSilentHolderIsReplacedWithinThreeHeartbeatIntervals() {
        List<NodeId> before = holders(net.meta(leader, CONTENT));
        NodeId victim =
                before.stream().filter(h -> !h.equals(leader)).findFirst().orElseThrow();
        net.down.add(victim);
        long killedAt = net.clock.millis();

        long replacedAfter = timeUntil(() -> {
                    List<NodeId> now = holders(net.meta(leader, CONTENT));
                    return now.size() == 3
                            && !now.contains(victim)
                            && net.pinning(CONTENT).containsAll(now);
                })
                - killedAt;

        assertThat(replacedAfter)
                .as("replacement leased and pinned after the kill (ms)")
                .isLessThanOrEqualTo(180_000)
                // Not before three heartbeat intervals could have passed unanswered.
                .isGreaterThan(120_000);
    }

    @Test
    void aSilentLeaderIsReplacedByTheNextLowestResponsibleNodeWithin180Seconds() {
        NodeId next = responsible.get(1);
        net.down.add(leader);
        long killedAt = net.clock.millis();

        long tookOverAfter =
                timeUntil(() -> net.meta(next, CONTENT).leader().equals(java.util.Optional.of(next))) - killedAt;

        assertThat(tookOverAfter).isLessThanOrEqualTo(180_000).isGreaterThan(120_000);
        assertThat(net.node(next).metrics().leaderChanges()).isEqualTo(1);
        // Its replicas are back to the target once the new leader's holders pinned (the old leader may have held one).
        net.run(Duration.ofSeconds(10), STEP);
        ContentMeta meta = net.meta(next, CONTENT);
        assertThat(meta.leases()).hasSize(3).extracting(ReplicaLease::holder).doesNotContain(leader);
        assertThat(net.pinning(CONTENT)).containsExactlyInAnyOrderElementsOf(holders(meta));
        // The third responsible node follows the new leader instead of taking over too.
        assertThat(net.node(responsible.get(2)).metrics().leaderChanges()).isZero();
    }

    @Test
    void theOldLeaderReturningTakesBackLeadershipAndTheFollowerStepsDown() {
        NodeId next = responsible.get(1);
        net.down.add(leader);
        net.run(Duration.ofSeconds(240), STEP);
        net.down.remove(leader);
        net.run(Duration.ofSeconds(120), STEP);

        assertThat(net.meta(next, CONTENT).leader()).contains(leader);
        assertThat(net.meta(leader, CONTENT).leases()).hasSize(3);
        assertThat(net.pinning(CONTENT)).hasSize(3);
    }

    /** Advances in {@link #STEP}s (at most 10 minutes) until {@code done}; returns the clock then. */
    private long timeUntil(BooleanSupplier done) {
        for (int i = 0; i < 120 && !done.getAsBoolean(); i++) {
            net.run(STEP, STEP);
        }
        assertThat(done.getAsBoolean())
                .as("condition reached within 10 simulated minutes")
                .isTrue();
        return net.clock.millis();
    }

    static List<NodeId> holders(ContentMeta meta) {
        return meta.leases().stream().map(ReplicaLease::holder).toList();
    }
}
