package dev.cairn.adapters.telegram.ton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cairn.core.payment.IncomingTransfer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToncenterTransfersTest {
    static final String WALLET = "UQBvW8Z5huBkMJYdnfAEM5JqTNkuWX3diqYENkWsIL0XggGG";
    static final String PAYER = "EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N";
    static final String OTHER = "EQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p4q2";

    final FakeToncenter ton = FakeToncenter.start(WALLET, Optional.of("s3cret"));
    ToncenterTransfers transfers = transfers(100, 1);

    ToncenterTransfers transfers(int pageSize, int firstPollPages) {
        return new ToncenterTransfers(ToncenterSettings.of(ton.baseUrl(), WALLET, Optional.of("s3cret"))
                .withPaging(pageSize, firstPollPages));
    }

    @AfterEach
    void stop() {
        transfers.close();
        ton.close();
    }

    @Test
    void readsIncomingTransfersOldestFirstWithTheirCommentHashLtAndTime() throws IOException {
        var first = ton.receive(PAYER, 1_500_000_000L, "abcdefghijklmnopqrstuvwxyz");
        var second = ton.receive(OTHER, 2_000_000_000L, "Grüße 🎁");

        List<IncomingTransfer> got = transfers.after(OptionalLong.empty());

        assertThat(got)
                .extracting(
                        IncomingTransfer::hash,
                        IncomingTransfer::lt,
                        IncomingTransfer::source,
                        IncomingTransfer::amount,
                        IncomingTransfer::comment,
                        IncomingTransfer::at)
                .containsExactly(
                        tuple(
                                first.hash(),
                                first.lt(),
                                PAYER,
                                1_500_000_000L,
                                Optional.of("abcdefghijklmnopqrstuvwxyz"),
                                Instant.ofEpochSecond(first.utime())),
                        tuple(
                                second.hash(),
                                second.lt(),
                                OTHER,
                                2_000_000_000L,
                                Optional.of("Grüße 🎁"),
                                Instant.ofEpochSecond(second.utime())));
    }

    @Test
    void leavesOutOutgoingTransfersAndMessagesThatBroughtNothing() throws IOException {
        ton.send(OTHER, 5_000_000_000L);
        ton.receive(PAYER, 0, "zero value");
        var paid = ton.receive(PAYER, 1_000_000_000L, "pay");

        assertThat(transfers.after(OptionalLong.empty()))
                .extracting(IncomingTransfer::hash)
                .containsExactly(paid.hash());
    }

    @Test
    void aBinaryOrEncryptedBodyCarriesNoComment() throws IOException {
        ton.receive(PAYER, 1_000, new FakeToncenter.Body.Raw("not a comment".getBytes(StandardCharsets.UTF_8)));
        ton.receive(PAYER, 2_000, new FakeToncenter.Body.Encrypted());
        ton.receive(PAYER, 3_000, new FakeToncenter.Body.Empty());

        assertThat(transfers.after(OptionalLong.empty()))
                .extracting(IncomingTransfer::amount, IncomingTransfer::comment)
                .containsExactly(
                        tuple(1_000L, Optional.empty()),
                        tuple(2_000L, Optional.empty()),
                        tuple(3_000L, Optional.empty()));
    }

    @Test
    void asksOnlyForTransactionsAfterTheCursorWithTheApiKey() throws IOException {
        var old = ton.receive(PAYER, 1_000, "old");
        var fresh = ton.receive(PAYER, 2_000, "new");

        assertThat(transfers.after(OptionalLong.of(old.lt())))
                .extracting(IncomingTransfer::hash)
                .containsExactly(fresh.hash());

        FakeToncenter.Request request = ton.requests().getFirst();
        assertThat(request.path()).isEqualTo("/api/v2/getTransactions");
        assertThat(request.query())
                .containsEntry("address", WALLET)
                .containsEntry("to_lt", Long.toString(old.lt()))
                .containsEntry("archival", "true")
                .containsEntry("limit", "100")
                .doesNotContainKey("lt");
        assertThat(request.apiKey()).contains("s3cret");
    }

    @Test
    void pagesBackByLtAndHashUntilTheCursorAndDropsTheRepeatedBoundaryItem() throws IOException {
        transfers.close();
        transfers = transfers(3, 1);
        var cursor = ton.receive(PAYER, 1, "before");
        for (int i = 1; i <= 8; i++) {
            ton.receive(PAYER, i * 1_000L, "t" + i);
        }

        List<IncomingTransfer> got = transfers.after(OptionalLong.of(cursor.lt()));

        assertThat(got)
                .extracting(IncomingTransfer::comment)
                .containsExactly(
                        Optional.of("t1"),
                        Optional.of("t2"),
                        Optional.of("t3"),
                        Optional.of("t4"),
                        Optional.of("t5"),
                        Optional.of("t6"),
                        Optional.of("t7"),
                        Optional.of("t8"));
        // 3 new, then 2 new after the repeated boundary each time: 3 + 2 + 2 + 1 (a short page ends it).
        assertThat(ton.requests()).hasSize(4);
        assertThat(ton.requests().get(1).query())
                .containsEntry("lt", Long.toString(ton.transactions().get(6).lt()))
                .containsEntry("hash", ton.transactions().get(6).hash());
    }

    @Test
    void theFirstPollReadsOnlyTheNewestPages() throws IOException {
        transfers.close();
        transfers = transfers(3, 2);
        for (int i = 1; i <= 10; i++) {
            ton.receive(PAYER, i * 1_000L, "t" + i);
        }

        List<IncomingTransfer> got = transfers.after(OptionalLong.empty());

        assertThat(got).extracting(IncomingTransfer::amount).containsExactly(6_000L, 7_000L, 8_000L, 9_000L, 10_000L);
        assertThat(ton.requests()).hasSize(2);
    }

    @Test
    void anItemTheApiRepeatsWithinAPageIsReturnedOnce() throws IOException {
        ton.receive(PAYER, 1_000, "a");
        var twice = ton.receive(PAYER, 2_000, "b");
        ton.repeatInPage(twice);

        assertThat(transfers.after(OptionalLong.empty()))
                .extracting(IncomingTransfer::comment)
                .containsExactly(Optional.of("a"), Optional.of("b"));
    }

    @Test
    void aRateLimitIsAnIOExceptionNamingStatusAndError() {
        ton.failNext(1, 429, "Ratelimit exceeded");

        assertThatThrownBy(() -> transfers.after(OptionalLong.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 429")
                .hasMessageContaining("Ratelimit exceeded");
    }

    @Test
    void aServerErrorPageThatIsNotJsonIsAnIOExceptionNamingTheStatus() {
        ton.failNextWithPage(502, "<html><body>Bad Gateway</body></html>");

        assertThatThrownBy(() -> transfers.after(OptionalLong.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("Bad Gateway");
    }

    @Test
    void okFalseIsAnIOExceptionNamingTheError() {
        ton.answerOkFalseNext(504, "LITE_SERVER_NETWORK timeout");

        assertThatThrownBy(() -> transfers.after(OptionalLong.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ok=false")
                .hasMessageContaining("LITE_SERVER_NETWORK timeout")
                .hasMessageContaining("504");
    }

    @Test
    void aFailureOnALaterPageFailsTheWholePoll() {
        transfers.close();
        transfers = transfers(2, 1);
        var cursor = ton.receive(PAYER, 1, "before");
        for (int i = 1; i <= 5; i++) {
            ton.receive(PAYER, i * 1_000L, "t" + i);
        }
        // The first page is served, then the API fails: half a range would move the cursor past what was not read.
        ton.failAfter(1, 500, "LITE_SERVER_UNKNOWN");

        assertThatThrownBy(() -> transfers.after(OptionalLong.of(cursor.lt())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void aMissingApiKeyIsRefusedWith401() {
        try (var keyless = new ToncenterTransfers(ToncenterSettings.of(ton.baseUrl(), WALLET, Optional.empty()))) {
            assertThatThrownBy(() -> keyless.after(OptionalLong.empty()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageContaining("API key does not exist");
        }
    }

    @Test
    void aSlowAnswerTimesOut() {
        transfers.close();
        transfers = new ToncenterTransfers(ToncenterSettings.of(ton.baseUrl(), WALLET, Optional.of("s3cret"))
                .withReadTimeout(Duration.ofMillis(200)));
        ton.delayAnswers(Duration.ofSeconds(2));

        assertThatThrownBy(() -> transfers.after(OptionalLong.empty())).isInstanceOf(IOException.class);
    }

    @Test
    void givesTheWalletAsTheReceivingAddress() {
        assertThat(transfers.receivingAddress()).isEqualTo(WALLET);
    }
}
