package dev.cairn.adapters.telegram.ton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.payment.IncomingTransfer;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shapes of toncenter-compatible answers the fake does not produce. */
class ToncenterJsonTest {
    private static String page(String inMsg) {
        return """
                {"ok":true,"result":[{"@type":"raw.transaction","utime":1764150000,
                 "transaction_id":{"@type":"internal.transactionId","lt":"47000000000001","hash":"aGFzaA=="},
                 "in_msg":%s,"out_msgs":[]}]}""".formatted(inMsg);
    }

    private static Optional<IncomingTransfer> only(String inMsg) throws IOException {
        return ToncenterJson.page(page(inMsg)).getFirst().incoming();
    }

    @Test
    void anApiWithoutMsgDataIsTrustedForAPlainTextMessage() throws IOException {
        assertThat(only("{\"source\":\"EQa\",\"value\":\"5\",\"message\":\"abc\"}"))
                .map(IncomingTransfer::comment)
                .contains(Optional.of("abc"));
        assertThat(only("{\"source\":\"EQa\",\"value\":\"5\",\"message\":\"a\\u0000b\"}"))
                .map(IncomingTransfer::comment)
                .contains(Optional.empty());
    }

    @Test
    void aTextBodyThatIsNotUtf8FallsBackToTheMessage() throws IOException {
        String msg = "{\"source\":\"EQa\",\"value\":\"5\",\"message\":\"typed\","
                + "\"msg_data\":{\"@type\":\"msg.dataText\",\"text\":\"//79\"}}";
        assertThat(only(msg)).map(IncomingTransfer::comment).contains(Optional.of("typed"));
    }

    @Test
    void addressesGivenAsObjectsAreRead() throws IOException {
        String msg = "{\"source\":{\"@type\":\"accountAddress\",\"account_address\":\"EQa\"},\"value\":\"5\"}";
        assertThat(only(msg)).map(IncomingTransfer::source).contains("EQa");
    }

    @Test
    void aTransactionWithoutAnIncomingMessageBringsNothing() throws IOException {
        assertThat(only("null")).isEmpty();
    }

    @Test
    void anUnknownShapeIsAnIOException() {
        assertThatThrownBy(() -> ToncenterJson.page("{\"ok\":true,\"result\":{}}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a list");
        assertThatThrownBy(() -> ToncenterJson.page(page("{\"source\":\"EQa\",\"value\":\"lots\"}")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown shape");
        assertThatThrownBy(() -> ToncenterJson.page("<html>"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("<html>");
        assertThatThrownBy(() -> ToncenterJson.page("{\"result\":[]}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ok=false");
    }
}
