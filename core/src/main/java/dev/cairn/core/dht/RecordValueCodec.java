package dev.cairn.core.dht;

import dev.cairn.core.crdt.CrdtCodec;
import dev.cairn.core.crdt.CrdtFormatException;
import dev.cairn.core.crdt.CrdtReader;
import dev.cairn.core.crdt.CrdtWriter;
import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.crdt.ElementCodec;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.ipfs.Cid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of a {@link RecordValue}: a format version byte, a kind byte (1 content meta, 2 membership, 3
 * metric), then the kind's fields, big-endian, CRDTs in the {@link CrdtCodec} form. Layout in docs/protocol.md.
 *
 * <p>Two format versions: {@value #FORMAT_VERSION} for every value that has no IPFS CID, and
 * {@value #FORMAT_VERSION_WITH_CID}, the same layout followed by the CID, only for a content meta that has one. A
 * writer always takes the lowest version that can hold the value, so values without a CID keep their version 1 bytes
 * (and signatures), and a node that reads only version 1 refuses a CID by its version number rather than misreading
 * it.
 *
 * <p>Canonical both ways: equal values encode to equal bytes (leases sorted by holder, the conflict log in
 * {@link ConflictEntry} order), and the decoder accepts only
 * such bytes, so a signature over the encoding is a signature over the value. Every problem in the input raises
 * {@link CrdtFormatException}, checked before anything is allocated.
 */
public final class RecordValueCodec {
    /** The format of every value without an IPFS CID. */
    public static final int FORMAT_VERSION = 1;
    /** Version 1 followed by the IPFS CID: the format of a content meta that has one, and of nothing else. */
    public static final int FORMAT_VERSION_WITH_CID = 2;

    static final int CONTENT_META = 1;
    static final int MEMBERSHIP = 2;
    static final int METRIC = 3;
    private static final int LEASE_BYTES = 32 + 8;
    /** Stamp, revision, leader flag and lease count: the least an encoded conflict entry can take. */
    private static final int CONFLICT_ENTRY_MIN_BYTES = Dominance.ENCODED_LENGTH + 8 + 1 + 4;

    private final CrdtCodec crdt;

    public RecordValueCodec(CrdtCodec crdt) {
        this.crdt = crdt;
    }

    public static RecordValueCodec standard() {
        return new RecordValueCodec(CrdtCodec.standard());
    }

    public byte[] encode(RecordValue value) {
        var out = new CrdtWriter(64);
        boolean withCid = value instanceof ContentMeta m && m.ipfsCid().isPresent();
        out.u8(withCid ? FORMAT_VERSION_WITH_CID : FORMAT_VERSION);
        switch (value) {
            case ContentMeta meta -> {
                out.u8(CONTENT_META).u63(meta.revision());
                writeDecisions(out, meta.leader(), meta.leases());
                out.u32(meta.conflictLog().size());
                for (ConflictEntry entry : meta.conflictLog()) {
                    out.dominance(entry.stamp()).u63(entry.revision());
                    writeDecisions(out, entry.leader(), entry.leases());
                }
                meta.ipfsCid().ifPresent(cid -> {
                    byte[] ascii = cid.value().getBytes(StandardCharsets.US_ASCII);
                    out.lengthPrefixed(ascii);
                });
            }
            case MembershipState membership -> {
                out.u8(MEMBERSHIP);
                crdt.write(membership.members(), out);
                crdt.write(membership.population(), out);
            }
            case MetricState metric -> {
                out.u8(METRIC);
                crdt.write(metric.views(), out);
                crdt.write(metric.uniques(), out);
                crdt.write(metric.watchTimeSeconds(), out);
                crdt.write(metric.bytesOut(), out);
                crdt.write(metric.completions(), out);
            }
        }
        return out.toByteArray();
    }

    /** Decodes a value and checks that it is the kind {@code key} holds. */
    public RecordValue decode(byte[] encoded, DhtKey key) {
        var in = new CrdtReader(encoded);
        int version = in.u8("record value format version");
        if (version != FORMAT_VERSION && version != FORMAT_VERSION_WITH_CID) {
            throw in.error(
                    0,
                    "unsupported record value format version " + version + ", this node reads " + FORMAT_VERSION
                            + " and " + FORMAT_VERSION_WITH_CID);
        }
        boolean withCid = version == FORMAT_VERSION_WITH_CID;
        int kind = in.u8("record value kind");
        if (withCid && kind != CONTENT_META) {
            // Version 2 adds nothing to other kinds: a second spelling of a version 1 value would break canonicity.
            throw in.error(
                    1, "record value format version 2 is only for a content meta with an IPFS CID, not kind " + kind);
        }
        RecordValue value = switch (kind) {
            case CONTENT_META -> readContentMeta(in, withCid);
            case MEMBERSHIP -> new MembershipState(crdt.readSet(in, ElementCodec.nodeId()), crdt.readHyperLogLog(in));
            case METRIC ->
                new MetricState(
                        crdt.readPNCounter(in),
                        crdt.readHyperLogLog(in),
                        crdt.readGCounter(in),
                        crdt.readGCounter(in),
                        crdt.readGCounter(in));
            default -> throw in.error(1, "unknown record value kind " + kind);
        };
        in.expectEnd("the record value");
        if (!value.fits(key)) {
            throw in.error(1, "a " + value.getClass().getSimpleName() + " cannot be stored under " + key.wire());
        }
        return value;
    }

    private static void writeDecisions(CrdtWriter out, Optional<NodeId> leader, List<ReplicaLease> leases) {
        leader.ifPresentOrElse(l -> out.u8(1).nodeId(l), () -> out.u8(0));
        out.u32(leases.size());
        for (ReplicaLease lease : leases) {
            out.nodeId(lease.holder()).u63(lease.expiresAtMillis());
        }
    }

    private static ContentMeta readContentMeta(CrdtReader in, boolean withCid) {
        long revision = in.u63("revision");
        Optional<NodeId> leader = readLeader(in);
        List<ReplicaLease> leases = readLeases(in);
        int count = in.count("conflict log length", ContentMeta.MAX_CONFLICT_LOG, CONFLICT_ENTRY_MIN_BYTES);
        var log = new ArrayList<ConflictEntry>(count);
        for (int i = 0; i < count; i++) {
            int at = in.offset();
            var stamp = in.dominance("conflict stamp");
            long entryRevision = in.u63("conflict revision");
            var entry = new ConflictEntry(stamp, entryRevision, readLeader(in), readLeases(in));
            if (i > 0 && log.get(i - 1).compareTo(entry) >= 0) {
                throw in.error(at, "conflict log entries must be strictly ascending");
            }
            log.add(entry);
        }
        Optional<Cid> cid = withCid ? Optional.of(readCid(in)) : Optional.empty();
        return new ContentMeta(revision, leader, leases, log, cid);
    }

    /** A u32 length of at most {@link ContentMeta#MAX_IPFS_CID_LENGTH}, then a CIDv1 in base32, ASCII. */
    private static Cid readCid(CrdtReader in) {
        int at = in.offset();
        byte[] ascii = in.lengthPrefixed("ipfs cid", ContentMeta.MAX_IPFS_CID_LENGTH);
        // Any byte outside ASCII decodes to U+FFFD, which the CID syntax refuses.
        String text = new String(ascii, StandardCharsets.US_ASCII);
        try {
            return new Cid(text);
        } catch (IllegalArgumentException e) {
            throw in.error(at, "ipfs cid: " + e.getMessage());
        }
    }

    private static Optional<NodeId> readLeader(CrdtReader in) {
        int flagAt = in.offset();
        return switch (in.u8("leader flag")) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(in.nodeId("leader"));
            default -> throw in.error(flagAt, "leader flag must be 0 or 1");
        };
    }

    private static List<ReplicaLease> readLeases(CrdtReader in) {
        int count = in.count("lease count", ContentMeta.MAX_LEASES, LEASE_BYTES);
        var leases = new ArrayList<ReplicaLease>(count);
        for (int i = 0; i < count; i++) {
            int at = in.offset();
            var lease = new ReplicaLease(in.nodeId("lease holder"), in.u63("lease expiry"));
            if (i > 0 && leases.get(i - 1).holder().compareTo(lease.holder()) >= 0) {
                throw in.error(at, "lease holders must be strictly ascending");
            }
            leases.add(lease);
        }
        return leases;
    }
}
