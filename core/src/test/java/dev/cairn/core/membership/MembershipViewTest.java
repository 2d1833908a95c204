package dev.cairn.core.membership;

import static dev.cairn.core.membership.Fixtures.ALICE;
import static dev.cairn.core.membership.Fixtures.BOB;
import static dev.cairn.core.membership.Fixtures.TS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.id.NodeIdentity;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipViewTest {
    private static final NodeIdentity CAROL = NodeIdentity.fromSeed(new byte[32]);

    @Test
    void theReceiptSetHoldsOneSlotPerIssuerAndTargetStampedWithTheNewestReceipt() throws Exception {
        var view = new MembershipView(ALICE.nodeId());
        view.upsert(
                new Member(
                        Fixtures.info(BOB, "https://bob.example"),
                        InetAddress.getLoopbackAddress(),
                        Optional.empty(),
                        TS),
                TS);
        view.store(Receipt.issue(CAROL, BOB.nodeId(), Optional.empty(), TS - 5_000));
        view.store(Receipt.issue(CAROL, BOB.nodeId(), Optional.empty(), TS - 1_000));
        view.store(Receipt.issue(CAROL, BOB.nodeId(), Optional.empty(), TS - 3_000)); // older: ignored
        view.store(Receipt.issue(BOB, ALICE.nodeId(), Optional.empty(), TS - 2_000));
        view.store(Receipt.issue(BOB, CAROL.nodeId(), Optional.empty(), TS)); // Carol is no member: not kept

        var slots = view.receiptSlots();

        assertThat(slots.size()).isEqualTo(2);
        assertThat(slots.entries())
                .extracting(e -> e.dominance())
                .containsExactlyInAnyOrder(
                        new Dominance(0, TS - 1_000, CAROL.nodeId()), new Dominance(0, TS - 2_000, BOB.nodeId()));

        view.expire(TS + 600_000 - 1_500, 600_000);

        assertThat(view.receiptSlots().entries())
                .extracting(e -> e.dominance())
                .containsExactly(new Dominance(0, TS - 1_000, CAROL.nodeId()));
    }
}
