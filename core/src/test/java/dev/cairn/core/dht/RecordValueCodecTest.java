package dev.cairn.core.dht;

import static dev.cairn.core.dht.DhtFixtures.META_KEY;
import static dev.cairn.core.dht.DhtFixtures.METRIC_KEY;
import static dev.cairn.core.dht.DhtFixtures.cid;
import static dev.cairn.core.dht.DhtFixtures.node;
import static dev.cairn.core.dht.DhtFixtures.stamp;
import static dev.cairn.core.dht.DhtFixtures.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.crdt.CrdtFormatException;
import dev.cairn.core.crdt.CrdtWriter;
import dev.cairn.core.ipfs.Cid;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RecordValueCodecTest {
    final RecordValueCodec codec = RecordValueCodec.standard();

    static final ContentMeta META = new ContentMeta(
            9,
            Optional.of(node(2).nodeId()),
            List.of(new ReplicaLease(node(3).nodeId(), 5_000), new ReplicaLease(node(1).nodeId(), 6_000)));

    static final ContentMeta META_WITH_CONFLICTS = new ContentMeta(
            10,
            Optional.of(node(1).nodeId()),
            List.of(new ReplicaLease(node(1).nodeId(), 7_000)),
            List.of(
                    new ConflictEntry(stamp(9, 20, 2), 9, Optional.of(node(2).nodeId()), META.leases()),
                    new ConflictEntry(stamp(9, 10, 3), 9, Optional.empty(), List.of())));

    static final ContentMeta META_WITH_CID = META_WITH_CONFLICTS.withIpfsCid(cid(1));

    static final MembershipState MEMBERSHIP = new MembershipState(
            MembershipState.empty()
                    .members()
                    .add(node(1).nodeId(), stamp(1, 10, 0))
                    .add(node(2).nodeId(), stamp(2, 20, 0))
                    .remove(node(1).nodeId(), stamp(3, 30, 0)),
            MembershipState.empty().population().add(node(1).nodeId().value().toBytes()));

    @Test
    void everyValueKindRoundTrips() {
        assertThat(codec.decode(codec.encode(META), META_KEY)).isEqualTo(META);
        assertThat(codec.decode(codec.encode(views(0, 1, 2)), METRIC_KEY)).isEqualTo(views(0, 1, 2));
        var membershipKey = new MembershipKey(node(0).nodeId());
        assertThat(codec.decode(codec.encode(MEMBERSHIP), membershipKey)).isEqualTo(MEMBERSHIP);
        assertThat(codec.decode(codec.encode(ContentMeta.empty()), META_KEY)).isEqualTo(ContentMeta.empty());
        assertThat(codec.decode(codec.encode(META_WITH_CONFLICTS), META_KEY)).isEqualTo(META_WITH_CONFLICTS);
        assertThat(codec.decode(codec.encode(META_WITH_CID), META_KEY)).isEqualTo(META_WITH_CID);
    }

    @Test
    void aContentMetaWithACidIsVersionTwoTheVersionOneBytesThenTheCid() {
        byte[] without = codec.encode(META_WITH_CONFLICTS);
        byte[] with = codec.encode(META_WITH_CID);
        byte[] ascii = cid(1).value().getBytes(StandardCharsets.US_ASCII);

        assertThat(without[0]).isEqualTo((byte) RecordValueCodec.FORMAT_VERSION);
        assertThat(with[0]).isEqualTo((byte) RecordValueCodec.FORMAT_VERSION_WITH_CID);
        assertThat(Arrays.copyOfRange(with, 1, without.length))
                .isEqualTo(Arrays.copyOfRange(without, 1, without.length));
        assertThat(Arrays.copyOfRange(with, without.length, with.length))
                .isEqualTo(new CrdtWriter().lengthPrefixed(ascii).toByteArray());
    }

    @Test
    void theLongestCidARecordHoldsRoundTripsOneMoreCharacterIsRefused() {
        var longest = META.withIpfsCid(new Cid("b" + "7".repeat(ContentMeta.MAX_IPFS_CID_LENGTH - 1)));
        assertThat(codec.decode(codec.encode(longest), META_KEY)).isEqualTo(longest);

        byte[] tooLong = withCidBytes(
                META, ("b" + "7".repeat(ContentMeta.MAX_IPFS_CID_LENGTH)).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> codec.decode(tooLong, META_KEY))
                .isInstanceOf(CrdtFormatException.class)
                .hasMessageContaining("ipfs cid length 129 exceeds the limit 128");
    }

    @Test
    void aMalformedCidIsRefusedWithTheFormatException() {
        for (String bad : new String[] {
            "",
            "Bafkreiabcdefghijklmnopqrstuvwxyz",
            "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
            "bafk",
            "bafk rei" + "abcdefghijklmnopqrstuvwxyz"
        }) {
            byte[] bytes = withCidBytes(META, bad.getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> codec.decode(bytes, META_KEY))
                    .as("'%s'", bad)
                    .isInstanceOf(CrdtFormatException.class)
                    .hasMessageContaining("ipfs cid");
        }
        byte[] nonAscii = cid(1).value().getBytes(StandardCharsets.US_ASCII);
        nonAscii[10] = (byte) 0xe1;
        assertThatThrownBy(() -> codec.decode(withCidBytes(META, nonAscii), META_KEY))
                .isInstanceOf(CrdtFormatException.class)
                .hasMessageContaining("ipfs cid");
    }

    @Test
    void versionTwoWithoutACidOrForAnotherKindIsRefusedSoOneValueHasOneEncoding() {
        byte[] noCid = codec.encode(META);
        noCid[0] = (byte) RecordValueCodec.FORMAT_VERSION_WITH_CID;
        assertThatThrownBy(() -> codec.decode(noCid, META_KEY))
                .isInstanceOf(CrdtFormatException.class)
                .hasMessageContaining("truncated ipfs cid");

        byte[] metric = codec.encode(views(0, 1));
        metric[0] = (byte) RecordValueCodec.FORMAT_VERSION_WITH_CID;
        assertThatThrownBy(() -> codec.decode(metric, METRIC_KEY))
                .isInstanceOf(CrdtFormatException.class)
                .hasMessageContaining("only for a content meta");
    }

    /** The version 2 bytes of {@code meta} with {@code cid} as the CID's bytes, whatever they are. */
    private byte[] withCidBytes(ContentMeta meta, byte[] cid) {
        byte[] v1 = codec.encode(meta);
        var out = new CrdtWriter().u8(RecordValueCodec.FORMAT_VERSION_WITH_CID);
        out.bytes(Arrays.copyOfRange(v1, 1, v1.length)).lengthPrefixed(cid);
        return out.toByteArray();
    }

    @Test
    void theConflictLogIsKeptInStampOrderWhateverOrderItWasGiven() {
        assertThat(META_WITH_CONFLICTS.conflictLog().getFirst().stamp()).isEqualTo(stamp(9, 10, 3));
        var reversed = new ContentMeta(
                10,
                META_WITH_CONFLICTS.leader(),
                META_WITH_CONFLICTS.leases(),
                META_WITH_CONFLICTS.conflictLog().reversed());
        assertThat(codec.encode(reversed)).isEqualTo(codec.encode(META_WITH_CONFLICTS));
    }

    @Test
    void conflictEntriesOutOfOrderAreRefused() {
        byte[] bytes = codec.encode(META_WITH_CONFLICTS);
        // The last entry (no leader, no leases) is 48 + 8 + 1 + 4 bytes; put it first by editing the stamps instead:
        // raising the first entry's counter above the second's breaks the order without changing any length.
        int firstEntry = bytes.length - (48 + 8 + 1 + 4) - (48 + 8 + 1 + 32 + 4 + 2 * 40);
        bytes[firstEntry + 7] = 10;
        assertThatThrownBy(() -> codec.decode(bytes, META_KEY)).hasMessageContaining("strictly ascending");
    }

    @Test
    void leasesAreEncodedInHolderOrderWhateverOrderTheyWereGiven() {
        var reversed =
                new ContentMeta(META.revision(), META.leader(), META.leases().reversed());
        assertThat(codec.encode(reversed)).isEqualTo(codec.encode(META));
    }

    @Test
    void twoLeasesForOneHolderAreRefused() {
        var lease = new ReplicaLease(node(1).nodeId(), 1);
        assertThatThrownBy(() -> new ContentMeta(1, Optional.empty(), List.of(lease, lease)))
                .hasMessageContaining(node(1).nodeId().hex());
    }

    @Test
    void aValueIsRefusedUnderAKeyOfAnotherKind() {
        assertThatThrownBy(() -> codec.decode(codec.encode(META), METRIC_KEY))
                .isInstanceOf(CrdtFormatException.class)
                .hasMessageContaining("cannot be stored under");
    }

    @Test
    void anUnknownVersionOrKindIsRefusedByNumber() {
        byte[] bytes = codec.encode(META);
        bytes[0] = 3;
        assertThatThrownBy(() -> codec.decode(bytes, META_KEY)).hasMessageContaining("version 3");
        byte[] kind = codec.encode(META);
        kind[1] = 9;
        assertThatThrownBy(() -> codec.decode(kind, META_KEY)).hasMessageContaining("kind 9");
    }

    @Test
    void leasesOutOfOrderAreRefusedSoOneValueHasOneEncoding() {
        byte[] bytes = codec.encode(META);
        // The two leases end just before the conflict log's u32 length (an empty log).
        int leases = bytes.length - 4 - 2 * 40;
        byte[] swapped = bytes.clone();
        System.arraycopy(bytes, leases, swapped, leases + 40, 40);
        System.arraycopy(bytes, leases + 40, swapped, leases, 40);
        assertThatThrownBy(() -> codec.decode(swapped, META_KEY)).hasMessageContaining("strictly ascending");
    }

    @Property(tries = 1000)
    void truncatedOrMutatedBytesDecodeOrFailWithTheFormatException(
            @ForAll @IntRange(min = 0, max = 2) int kind,
            @ForAll @IntRange(min = 0, max = 4096) int cut,
            @ForAll @IntRange(min = 0, max = 4096) int flipAt,
            @ForAll byte flip) {
        RecordValue value = switch (kind) {
            case 0 ->
                switch (Math.floorMod(flip, 3)) {
                    case 0 -> META;
                    case 1 -> META_WITH_CONFLICTS;
                    default -> META_WITH_CID;
                };
            case 1 -> MEMBERSHIP;
            default -> views(0, 1, 2, 3);
        };
        DhtKey key = switch (kind) {
            case 0 -> META_KEY;
            case 1 -> new MembershipKey(node(0).nodeId());
            default -> METRIC_KEY;
        };
        byte[] bytes = codec.encode(value);
        byte[] damaged = Arrays.copyOf(bytes, Math.min(bytes.length, cut));
        if (damaged.length > 0) {
            damaged[flipAt % damaged.length] ^= flip;
        }
        try {
            RecordValue decoded = codec.decode(damaged, key);
            assertThat(codec.encode(decoded)).isEqualTo(damaged);
        } catch (CrdtFormatException expected) {
            assertThat(expected.getMessage()).startsWith("bad CRDT encoding at offset");
        }
    }
}
