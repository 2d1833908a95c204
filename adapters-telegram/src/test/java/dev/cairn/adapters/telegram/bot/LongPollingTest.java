package dev.cairn.adapters.telegram.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.pengrad.telegrambot.model.Update;
import dev.cairn.adapters.telegram.FakeBotApi;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LongPollingTest {
    static final String TOKEN = "77:poll-token";

    FakeBotApi telegram;
    BotApi api;
    LongPolling polling;
    final List<String> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        telegram = FakeBotApi.start(TOKEN);
        api = new BotApi("test", TOKEN, telegram.baseUrl());
    }

    @AfterEach
    void stop() {
        if (polling != null) {
            polling.close();
        }
        api.close();
        telegram.close();
    }

    private void poll(UpdateHandler handler) {
        polling = new LongPolling(api, handler, 1, Duration.ofMillis(50), Duration.ofMillis(200));
        polling.start();
    }

    private void record(Update update) {
        if (update.message() != null) {
            handled.add(update.message().text());
        } else if (update.preCheckoutQuery() != null) {
            handled.add("pre-checkout " + update.preCheckoutQuery().invoicePayload());
        }
    }

    @Test
    void theWebhookIsDeletedBeforeTheFirstPollWhichAsksForTheThreeUpdateKinds() throws Exception {
        poll(this::record);

        FakeBotApi.Call first = telegram.awaitCall("getUpdates");

        assertThat(telegram.calls().get(0).method()).isEqualTo("deleteWebhook");
        assertThat(first.json("allowed_updates").getAsJsonArray())
                .extracting(e -> e.getAsString())
                .containsExactly("message", "callback_query", "pre_checkout_query");
        assertThat(first.param("timeout")).isEqualTo("1");
    }

    @Test
    void anUpdateWhoseHandlerKeepsFailingIsTriedThreeTimesThenSkippedAndTheNextIsHandledOnce() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        poll(update -> {
            attempts.add(update.message().text());
            if ("boom".equals(update.message().text())) {
                throw new IllegalStateException("a bug in a handler");
            }
            record(update);
        });

        telegram.pushText(1, "boom");
        telegram.pushText(1, "after");
        telegram.awaitDrained(Duration.ofSeconds(10));

        assertThat(handled).containsExactly("after");
        assertThat(attempts).containsExactly("boom", "after", "boom", "boom");
        assertThat(polling.running()).isTrue();
    }

    @Test
    void anUpdateWhoseHandlerFailsOnceIsHandledWithTheNextPoll() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(1);
        poll(update -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the database is down for a moment");
            }
            record(update);
        });

        telegram.pushText(1, "payment");
        telegram.awaitDrained(Duration.ofSeconds(10));

        assertThat(handled).containsExactly("payment");
    }

    @Test
    void theLoopSurvivesA502PageAndAnErrorAnswerAndThenDelivers() throws Exception {
        telegram.answerNextRaw("getUpdates", 502, "<html><body>502 Bad Gateway</body></html>");
        telegram.failNext("getUpdates", 500, "Internal Server Error");
        telegram.failNext("deleteWebhook", 429, "Too Many Requests: retry after 1");
        poll(this::record);

        telegram.pushText(1, "hello");
        telegram.awaitDrained(Duration.ofSeconds(10));

        assertThat(handled).containsExactly("hello");
        assertThat(telegram.calls("deleteWebhook")).hasSize(2);
    }

    @Test
    void theOffsetMovesPastAnUpdateOnlyAfterItWasHandled() throws Exception {
        poll(this::record);
        telegram.pushText(1, "one");
        telegram.awaitDrained(Duration.ofSeconds(10));

        List<FakeBotApi.Call> polls = telegram.calls("getUpdates");
        assertThat(polls.get(0).param("offset")).isEqualTo("0");
        assertThat(polls.get(polls.size() - 1).param("offset")).isEqualTo("2");
    }

    @Test
    void preCheckoutQueriesOfABatchAreAnsweredFirst() throws Exception {
        telegram.pushText(1, "slow message");
        telegram.pushPreCheckout(1, "XTR", 5, "payload");
        poll(this::record);

        telegram.awaitDrained(Duration.ofSeconds(10));

        assertThat(handled).containsExactly("pre-checkout payload", "slow message");
    }

    @Test
    void closeReturnsPromptlyWhileAPollIsHeldOpen() throws Exception {
        telegram.maxHold(Duration.ofSeconds(30));
        polling = new LongPolling(api, this::record, 25, Duration.ofMillis(50), Duration.ofMillis(200));
        polling.start();
        telegram.awaitCall("getUpdates");

        long start = System.nanoTime();
        polling.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(polling.running()).isFalse();
    }
}
