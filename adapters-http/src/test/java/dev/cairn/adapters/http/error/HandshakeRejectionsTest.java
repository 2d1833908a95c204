package dev.cairn.adapters.http.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.membership.RejectionReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HandshakeRejectionsTest {

    @Test
    void everyReasonIsAClientOrAvailabilityErrorWithItsOwnCode() {
        assertThat(RejectionReason.values()).allSatisfy(reason -> {
            assertThat(HandshakeRejections.status(reason)).isIn(400, 401, 409, 503);
            assertThat(HandshakeRejections.code(reason)).matches("[a-z][a-z_]+");
        });
        assertThat(Arrays.stream(RejectionReason.values()).map(HandshakeRejections::code))
                .doesNotHaveDuplicates();
    }

    @Test
    void theDocumentedExamplesHold() {
        assertThat(HandshakeRejections.status(RejectionReason.BAD_SIGNATURE)).isEqualTo(401);
        assertThat(HandshakeRejections.status(RejectionReason.NONCE_REPLAYED)).isEqualTo(409);
        assertThat(HandshakeRejections.status(RejectionReason.MEMBERSHIP_FULL)).isEqualTo(503);
        assertThat(HandshakeRejections.code(RejectionReason.TIMESTAMP_OUT_OF_WINDOW))
                .isEqualTo("timestamp_out_of_window");
    }
}
