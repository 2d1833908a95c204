package dev.cairn.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.ipfs.Cid;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IPFS CID of an uploaded content travels from its uploader to the content's record, and each lease holder pins
 * it in its own daemon once, in the background.
 */
class ReplicatorIpfsTest {
    static final Duration STEP = Duration.ofSeconds(5);
    static final ContentId CONTENT = new ContentId(Digest256.blake3("uploaded".getBytes(StandardCharsets.UTF_8)));
    static final Cid CID = new Cid("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    static final Cid OTHER_CID = new Cid("bafkreiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

    LoopbackNetwork net;
    List<NodeId> responsible;
    NodeId leader;
    /** A node that is not responsible for the content, so it announces it. */
    NodeId uploader;

    @BeforeEach
    void network() {
        net = new LoopbackNetwork(8);
        responsible = net.view().responsible(CONTENT);
        leader = responsible.getFirst();
        uploader = net.nodes.keySet().stream()
                .filter(id -> !responsible.contains(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theCidTheUploaderKnowsReachesTheRecordAndEachHolderPinsItOnce() {
        upload(uploader, Optional.of(CID));

        net.tick();
        net.run(Duration.ofSeconds(30), STEP);

        ContentMeta meta = net.meta(leader, CONTENT);
        assertThat(meta.leases()).hasSize(3);
        assertThat(meta.ipfsCid()).contains(CID);
        for (NodeId id : responsible) {
            assertThat(net.meta(id, CONTENT).ipfsCid()).as("record at %s", id).contains(CID);
        }
        // Lease renewals and many heartbeats later, still one pin per holder and none elsewhere.
        net.run(Duration.ofMinutes(20), STEP);
        assertThat(net.meta(uploader, CONTENT).ipfsCid())
                .as("the uploader's copy")
                .contains(CID);
        List<NodeId> holders = ReplicatorTest.holders(net.meta(leader, CONTENT));
        for (NodeId id : net.nodes.keySet()) {
            assertThat(net.node(id).ipfs().pinCalls)
                    .as("pins asked of %s's daemon", id)
                    .isEqualTo(holders.contains(id) ? List.of(CID) : List.of());
        }
        long announced = announcesFromUploader();
        net.run(Duration.ofMinutes(5), STEP);
        assertThat(announcesFromUploader())
                .as("placed with its CID: no more announcements")
                .isEqualTo(announced);
    }

    @Test
    void aCidLearntAfterPlacementReachesTheRecordInANewRevisionAndTheHoldersPinIt() {
        upload(uploader, Optional.empty());
        net.tick();
        // Long enough for the uploader's second announcement, whose answer shows it the placed record.
        net.run(Duration.ofSeconds(90), STEP);
        ContentMeta placed = net.meta(leader, CONTENT);
        assertThat(placed.leases()).hasSize(3);
        assertThat(placed.ipfsCid()).isEmpty();
        long announced = announcesFromUploader();
        net.run(Duration.ofMinutes(5), STEP);
        assertThat(announcesFromUploader())
                .as("placed, and the uploader knows no CID: it stops announcing")
                .isEqualTo(announced);

        // The uploader's IPFS add succeeds only now (a retry after Kubo came back).
        net.node(uploader).cids().put(CONTENT, CID);
        net.run(Duration.ofSeconds(150), STEP);

        ContentMeta meta = net.meta(leader, CONTENT);
        assertThat(meta.ipfsCid()).contains(CID);
        assertThat(meta.revision()).isGreaterThan(placed.revision());
        assertThat(ReplicatorTest.holders(meta)).isEqualTo(ReplicatorTest.holders(placed));
        for (NodeId holder : ReplicatorTest.holders(meta)) {
            assertThat(net.node(holder).ipfs().pinCalls)
                    .as("pins at %s", holder)
                    .containsExactly(CID);
        }
        assertThat(net.meta(uploader, CONTENT).ipfsCid()).contains(CID);
        announced = announcesFromUploader();
        net.run(Duration.ofMinutes(5), STEP);
        assertThat(announcesFromUploader()).isEqualTo(announced);
    }

    @Test
    void anAnnouncementCarriesTheCidAndOneWithoutItStillPlacesTheContent() {
        upload(uploader, Optional.empty());
        net.tick();

        assertThat(net.sent)
                .filteredOn(s -> s.from().equals(uploader) && s.message() instanceof ReplicationMessage.Announce)
                .isNotEmpty()
                .allSatisfy(s -> assertThat(((ReplicationMessage.Announce) s.message()).ipfsCid())
                        .isEmpty());
        net.node(uploader).cids().put(CONTENT, CID);
        net.sent.clear();
        net.run(Duration.ofSeconds(60), STEP);

        assertThat(net.sent)
                .filteredOn(s -> s.from().equals(uploader) && s.message() instanceof ReplicationMessage.Announce)
                .isNotEmpty()
                .allSatisfy(s -> assertThat(((ReplicationMessage.Announce) s.message()).ipfsCid())
                        .contains(CID));
    }

    @Test
    void anUploaderThatLeadsItsContentWritesItsOwnCid() {
        upload(leader, Optional.of(CID));

        net.tick();
        net.run(Duration.ofSeconds(30), STEP);

        assertThat(net.meta(leader, CONTENT).ipfsCid()).contains(CID);
        assertThat(net.meta(responsible.get(1), CONTENT).ipfsCid()).contains(CID);
    }

    @Test
    void anAnnouncedCidNeverReplacesTheOneTheRecordHas() {
        upload(uploader, Optional.of(CID));
        net.tick();
        net.run(Duration.ofSeconds(30), STEP);
        long revision = net.meta(leader, CONTENT).revision();

        NodeId liar = responsible.get(1);
        net.node(leader).replicator().receive(liar, new ReplicationMessage.Announce(CONTENT, Optional.of(OTHER_CID)));
        net.run(Duration.ofMinutes(2), STEP);

        assertThat(net.meta(leader, CONTENT).ipfsCid()).contains(CID);
        assertThat(net.meta(leader, CONTENT).revision()).isEqualTo(revision);
    }

    @Test
    void aFailedPinIsRetriedAtMostOncePerHeartbeatIntervalUntilItSucceeds() {
        net.nodes.values().forEach(n -> n.ipfs().down = true);
        upload(uploader, Optional.of(CID));
        net.tick();
        net.run(Duration.ofMinutes(5), STEP);

        List<NodeId> holders = ReplicatorTest.holders(net.meta(leader, CONTENT));
        long interval = net.config.heartbeatInterval().toMillis();
        for (NodeId holder : holders) {
            assertThat(net.node(holder).ipfs().calls(CID))
                    .as("attempts at %s in five minutes", holder)
                    .isBetween(
                            Duration.ofMinutes(4).toMillis() / interval,
                            Duration.ofMinutes(5).toMillis() / interval + 1);
            assertThat(net.node(holder).ipfs().pinned).isEmpty();
        }
        assertThat(net.node(leader).metrics().underReplicated())
                .as("replication does not depend on IPFS")
                .isZero();

        net.nodes.values().forEach(n -> n.ipfs().down = false);
        var before = holders.stream().map(h -> net.node(h).ipfs().calls(CID)).toList();
        net.run(Duration.ofMinutes(5), STEP);

        for (int i = 0; i < holders.size(); i++) {
            RecordingIpfs ipfs = net.node(holders.get(i)).ipfs();
            assertThat(ipfs.pinned).containsExactly(CID);
            assertThat(ipfs.calls(CID)).as("one more attempt, which succeeded").isEqualTo(before.get(i) + 1);
        }
    }

    @Test
    void aPinStillRunningIsNeitherWaitedForNorStartedTwice() {
        net.holdBackground = true;
        upload(uploader, Optional.of(CID));
        net.tick();
        net.run(Duration.ofMinutes(3), STEP);

        List<NodeId> holders = ReplicatorTest.holders(net.meta(leader, CONTENT));
        assertThat(net.node(leader).metrics().underReplicated()).isZero();
        assertThat(net.pinning(CONTENT)).containsExactlyInAnyOrderElementsOf(holders);
        assertThat(net.background).as("one pin per holder, still running").hasSize(holders.size());
        assertThat(holders)
                .allSatisfy(h -> assertThat(net.node(h).pinner().inFlight()).isEqualTo(1));

        net.holdBackground = false;
        net.run(Duration.ofMinutes(3), STEP);

        for (NodeId holder : holders) {
            assertThat(net.node(holder).ipfs().pinCalls).containsExactly(CID);
            assertThat(net.node(holder).pinner().snapshot()).containsEntry(CONTENT, CID);
        }
    }

    @Test
    void aNodeWithoutIpfsHoldsTheReplicaAndPinsNothingInIpfs() {
        net.nodes.values().forEach(n -> n.ipfs().enabled = false);
        upload(uploader, Optional.of(CID));

        net.tick();
        net.run(Duration.ofMinutes(3), STEP);

        ContentMeta meta = net.meta(leader, CONTENT);
        assertThat(meta.ipfsCid())
                .as("the CID is a fact about the blob, recorded anyway")
                .contains(CID);
        assertThat(net.pinning(CONTENT)).containsExactlyInAnyOrderElementsOf(ReplicatorTest.holders(meta));
        assertThat(net.nodes.values())
                .allSatisfy(n -> assertThat(n.ipfs().pinCalls).isEmpty());
    }

    @Test
    void aReplicaTrimmedAfterAFailoverIsForgottenButStaysPinnedInKubo() {
        upload(uploader, Optional.of(CID));
        net.tick();
        net.run(Duration.ofSeconds(30), STEP);
        List<NodeId> before = ReplicatorTest.holders(net.meta(leader, CONTENT));
        NodeId holder =
                before.stream().filter(h -> !h.equals(leader)).findFirst().orElseThrow();

        // Silent for longer than the failure window: its lease goes to a replacement, which pins the CID.
        net.down.add(holder);
        net.run(Duration.ofMinutes(4), STEP);
        List<NodeId> during = ReplicatorTest.holders(net.meta(leader, CONTENT));
        NodeId replacement =
                during.stream().filter(h -> !before.contains(h)).findFirst().orElseThrow();
        assertThat(net.node(replacement).pinner().snapshot()).containsEntry(CONTENT, CID);

        // Back within its lease, the first holder is an incumbent again; the surplus replacement is trimmed.
        net.down.remove(holder);
        net.run(Duration.ofMinutes(2), STEP);
        assertThat(ReplicatorTest.holders(net.meta(leader, CONTENT)))
                .contains(holder)
                .doesNotContain(replacement);
        assertThat(net.pinning(CONTENT)).doesNotContain(replacement);
        assertThat(net.node(replacement).pinner().snapshot())
                .as("released: forgotten, so a later lease pins again")
                .doesNotContainKey(CONTENT);
        assertThat(net.node(replacement).ipfs().pinned)
                .as("nothing unpins in Kubo")
                .containsExactly(CID);
        assertThat(net.node(holder).ipfs().pinCalls)
                .as("the returning holder remembered its pin")
                .containsExactly(CID);
    }

    private void upload(NodeId node, Optional<Cid> cid) {
        net.ownContents.put(node, List.of(CONTENT));
        cid.ifPresent(c -> net.node(node).cids().put(CONTENT, c));
    }

    private long announcesFromUploader() {
        return net.sent.stream()
                .filter(s -> s.from().equals(uploader) && s.message() instanceof ReplicationMessage.Announce)
                .count();
    }
}
