package dev.cairn.core.dht;

import dev.cairn.core.crdt.CrdtCodec;
import dev.cairn.core.crdt.CrdtFormatException;
import dev.cairn.core.crdt.CrdtReader;
import dev.cairn.core.crdt.CrdtWriter;
import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.crdt.ElementCodec;
import dev.cairn.core.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of a {@link RecordValue}: a format version byte ({@value #FORMAT_VERSION}), a kind byte (1 content
 * meta, 2 membership, 3 metric), then the kind's fields, big-endian, CRDTs in the {@link CrdtCodec} form. Layout in
 * docs/protocol.md.
 *
 * <p>Canonical both ways: equal values encode to equal bytes (leases sorted by holder, the conflict log in
 * {@link ConflictEntry} order), and the decoder accepts only
 * such bytes, so a signature over the encoding is a signature over the value. Every problem in the input raises
 * {@link CrdtFormatException}, checked before anything is allocated.
 */
public final class RecordValueCodec {
    public static final int FORMAT_VERSION = 1;
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
        out.u8(FORMAT_VERSION);
        switch (value) {
            case ContentMeta meta -> {
                out.u8(CONTENT_META).u63(meta.revision());
                writeDecisions(out, meta.leader(), meta.leases());
                out.u32(meta.conflictLog().size());
                for (ConflictEntry entry : meta.conflictLog()) {
                    out.dominance(entry.stamp()).u63(entry.revision());
                    writeDecisions(out, entry.leader(), entry.leases());
                }
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
        if (version != FORMAT_VERSION) {
            throw in.error(
                    0, "unsupported record value format version " + version + ", this node reads " + FORMAT_VERSION);
        }
        int kind = in.u8("record value kind");
        RecordValue value = switch (kind) {
            case CONTENT_META -> readContentMeta(in);
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

    private static ContentMeta readContentMeta(CrdtReader in) {
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
        return new ContentMeta(revision, leader, leases, log);
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
