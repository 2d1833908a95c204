package dev.cairn.core.membership;

import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.crdt.ElementCodec;
import dev.cairn.core.crdt.HyperLogLog;
import dev.cairn.core.crdt.LwwElementSet;
import dev.cairn.core.dht.MembershipState;
import dev.cairn.core.id.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This node's membership state: members and receipts as LWW element sets stamped {@code (counter, now, self)}, the
 * latest info and receipt behind each element, and peers' N reports. Not thread-safe: {@link Membership} guards it.
 *
 * <p>Receipts are keyed by (issuer, target), so each issuer holds one slot per target and a newer receipt replaces an
 * older one; the slot's stamp carries the receipt's own timestamp, so expiring the set by TTL expires the receipt.
 */
final class MembershipView {
    /** A peer's {@code n_local} as of {@code atMillis}. */
    record NReport(long nLocal, long atMillis) {}

    private final NodeId self;
    private long counter;
    private LwwElementSet<NodeId> members = LwwElementSet.empty(ElementCodec.nodeId());
    private final Map<NodeId, Member> memberInfo = new HashMap<>();
    private final Map<NodeId, Map<NodeId, Receipt>> receiptsByTarget = new HashMap<>();
    private final Map<NodeId, NReport> nReports = new HashMap<>();

    MembershipView(NodeId self) {
        this.self = self;
    }

    void upsert(Member member, long now) {
        members = members.add(member.nodeId(), stamp(now));
        memberInfo.put(member.nodeId(), member);
    }

    /** Keeps {@code receipt} unless the slot holds one at least as recent; only receipts for members or self. */
    void store(Receipt receipt) {
        NodeId target = receipt.target();
        if (!target.equals(self) && !memberInfo.containsKey(target)) {
            return;
        }
        Map<NodeId, Receipt> slots = receiptsByTarget.computeIfAbsent(target, t -> new HashMap<>());
        Receipt held = slots.get(receipt.issuer());
        if (held != null && held.timestampMillis() >= receipt.timestampMillis()) {
            return;
        }
        slots.put(receipt.issuer(), receipt);
    }

    void report(NodeId node, long nLocal, long now) {
        nReports.put(node, new NReport(nLocal, now));
    }

    /** Drops members not refreshed since {@code now - ttl}, receipts dated before it, and older N reports. */
    void expire(long now, long ttlMillis) {
        long floor = now - ttlMillis;
        members = members.expireBefore(floor);
        memberInfo.values().removeIf(m -> m.lastSeenMillis() < floor);
        receiptsByTarget.keySet().removeIf(t -> !t.equals(self) && !memberInfo.containsKey(t));
        receiptsByTarget.values().forEach(slots -> slots.values().removeIf(r -> r.timestampMillis() < floor));
        nReports.values().removeIf(r -> r.atMillis() < floor);
    }

    Map<NodeId, Member> members() {
        return memberInfo;
    }

    Map<NodeId, Receipt> receiptsFor(NodeId target) {
        return receiptsByTarget.getOrDefault(target, Map.of());
    }

    /**
     * Receipts for this node dated {@code notBefore} or later, newest first, at most {@code limit}: what it presents in
     * its messages.
     */
    List<Receipt> ownReceipts(int limit, long notBefore) {
        var own = new ArrayList<Receipt>();
        for (Receipt r : receiptsFor(self).values()) {
            if (r.timestampMillis() >= notBefore) {
                own.add(r);
            }
        }
        own.sort(Comparator.comparingLong(Receipt::timestampMillis).reversed().thenComparing(Receipt::issuer));
        return List.copyOf(own.subList(0, Math.min(limit, own.size())));
    }

    Map<NodeId, NReport> nReports() {
        return nReports;
    }

    /**
     * The receipts held, as an LWW element set of (issuer, target) slots, each stamped {@code (0, receipt timestamp,
     * issuer)} so that merging two nodes' sets keeps the newer receipt per slot. Built when asked: rebuilding a sorted
     * set of tens of thousands of slots on every stored receipt cost more than the handshakes that brought them.
     */
    LwwElementSet<byte[]> receiptSlots() {
        var batch = new ArrayList<LwwElementSet.Entry<byte[]>>();
        for (Map<NodeId, Receipt> byIssuer : receiptsByTarget.values()) {
            for (Receipt r : byIssuer.values()) {
                batch.add(
                        new LwwElementSet.Entry<>(slotKey(r), new Dominance(0, r.timestampMillis(), r.issuer()), true));
            }
        }
        return LwwElementSet.of(ElementCodec.bytes(), batch);
    }

    /** The members LWW set and a HyperLogLog over {@code active}, for the DHT's {@code MembershipKey} record. */
    MembershipState state(Set<NodeId> active) {
        return new MembershipState(members, sketch(active));
    }

    static HyperLogLog sketch(Set<NodeId> nodes) {
        var builder = HyperLogLog.builder();
        nodes.forEach(n -> builder.add(n.value().toBytes()));
        return builder.build();
    }

    private Dominance stamp(long timestampMillis) {
        return new Dominance(++counter, Math.max(0, timestampMillis), self);
    }

    private static byte[] slotKey(Receipt r) {
        byte[] key = new byte[64];
        System.arraycopy(r.issuer().value().toBytes(), 0, key, 0, 32);
        System.arraycopy(r.target().value().toBytes(), 0, key, 32, 32);
        return key;
    }
}
