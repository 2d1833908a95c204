package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.Cancellable;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.request.DeleteWebhook;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.response.GetUpdatesResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot's updates by long polling ({@code getUpdates}), the default intake: one virtual thread per bot, so one bot's
 * slow work (a file download on the uploader bot) never delays another's (a pre-checkout query on the client bot).
 *
 * <p>The offset moves past a batch only once every update of it was handled, so updates in flight when the process
 * dies are delivered again (handlers are idempotent). A handler that fails is logged and its update tried again with
 * the next poll, {@value #MAX_ATTEMPTS} times in all, then skipped; it never stops the loop. When the Bot API cannot
 * be reached or refuses, polling backs off (doubling up to a ceiling) and logs once when the outage starts and once
 * when it ends, not once per attempt. Before the first poll the webhook is deleted,
 * since Telegram refuses {@code getUpdates} while one is set.
 */
public final class LongPolling implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LongPolling.class);

    /** How long Telegram holds a {@code getUpdates} open when there is nothing to deliver. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 25;

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /**
     * The pause after an empty batch. Telegram answers an empty batch only after the timeout, so this costs nothing
     * there; a server that does not hold polls open (a test double) is not polled in a hot loop.
     */
    private static final Duration EMPTY_PAUSE = Duration.ofMillis(200);

    private final BotApi api;
    private final Intake intake;
    private final int timeoutSeconds;
    private final Duration firstBackoff;
    private final Duration maxBackoff;

    /** How long {@link #close()} lets a handler in progress finish before interrupting it. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    /** How often an update whose handler fails is tried before it is given up. */
    static final int MAX_ATTEMPTS = 3;

    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Cancellable inFlight;
    private int offset;
    /** Updates at or above the offset that were handled already (they come again while an earlier one is retried). */
    private final Set<Integer> handled = new HashSet<>();
    /** Failed attempts of updates being retried. */
    private final Map<Integer, Integer> attempts = new HashMap<>();

    /** Polls with Telegram's timeout of {@value #DEFAULT_TIMEOUT_SECONDS} s. */
    public LongPolling(BotApi api, UpdateHandler handler) {
        this(api, handler, DEFAULT_TIMEOUT_SECONDS, FIRST_BACKOFF, MAX_BACKOFF);
    }

    /**
     * @param timeoutSeconds the long-poll timeout asked of the server
     * @param firstBackoff the pause after the first failed call; doubled per failure up to {@code maxBackoff}
     */
    public LongPolling(
            BotApi api, UpdateHandler handler, int timeoutSeconds, Duration firstBackoff, Duration maxBackoff) {
        this.api = Objects.requireNonNull(api, "api");
        this.intake = new Intake(api.name(), Objects.requireNonNull(handler, "handler"));
        this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (timeoutSeconds < 0 || timeoutSeconds > 50) {
            throw new IllegalArgumentException("a long-poll timeout is 0 to 50 s, got " + timeoutSeconds);
        }
        if (firstBackoff.isNegative() || firstBackoff.isZero() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException(
                    "backoff is > 0 and at most its ceiling, got " + firstBackoff + " up to " + maxBackoff);
        }
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Starts polling on a virtual thread named after the bot. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the " + api.name() + " bot is polling already");
        }
        running = true;
        thread = Thread.ofVirtual().name("telegram-" + api.name() + "-bot").start(this::run);
        log.info("The {} bot polls {} for updates", api.name(), api.baseUrl());
    }

    private void run() {
        boolean webhookDeleted = false;
        Duration backoff = firstBackoff;
        boolean down = false;
        while (running) {
            List<Update> batch;
            try {
                if (!webhookDeleted) {
                    api.call(new DeleteWebhook());
                    webhookDeleted = true;
                }
                batch = poll();
            } catch (InterruptedException e) {
                break;
            } catch (BotApiException e) {
                if (!running) {
                    break;
                }
                if (!down) {
                    log.warn(
                            "The {} bot cannot reach the Bot API ({}); retrying with backoff up to {} ms",
                            api.name(),
                            e.getMessage(),
                            maxBackoff.toMillis());
                    down = true;
                }
                if (!pause(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                continue;
            }
            if (down) {
                log.info("The {} bot reaches the Bot API again", api.name());
                down = false;
            }
            backoff = firstBackoff;
            boolean retry = handle(batch);
            if (!running) {
                break;
            }
            if ((batch.isEmpty() || retry) && !pause(batch.isEmpty() ? EMPTY_PAUSE : firstBackoff)) {
                break;
            }
        }
        log.info("The {} bot stopped polling", api.name());
    }

    /**
     * Handles a batch and moves the offset past what is done. An update whose handler failed is not confirmed, so
     * Telegram delivers it again with the next poll, up to {@value #MAX_ATTEMPTS} attempts in all (a payment must not
     * be lost to a database that was down for a moment); then it is dropped, logged. Updates of the batch handled
     * meanwhile are remembered and not handled twice when they come again with it.
     *
     * @return whether an update is to be retried
     */
    private boolean handle(List<Update> batch) {
        int unfinished = Integer.MAX_VALUE;
        int next = offset;
        for (Update update : Intake.urgentFirst(batch)) {
            if (!running) {
                return false;
            }
            int id = update.updateId();
            next = Math.max(next, id + 1);
            if (handled.contains(id)) {
                continue;
            }
            if (intake.handle(update)) {
                handled.add(id);
                attempts.remove(id);
            } else if (attempts.merge(id, 1, Integer::sum) >= MAX_ATTEMPTS) {
                log.error("The {} bot gives update {} up after {} failed attempts", api.name(), id, MAX_ATTEMPTS);
                handled.add(id);
                attempts.remove(id);
            } else {
                unfinished = Math.min(unfinished, id);
            }
        }
        offset = Math.min(next, unfinished);
        handled.removeIf(id -> id < offset);
        return unfinished != Integer.MAX_VALUE;
    }

    private List<Update> poll() throws InterruptedException {
        GetUpdates request = new GetUpdates()
                .offset(offset)
                .timeout(timeoutSeconds)
                .allowedUpdates(UpdateHandler.ALLOWED_UPDATES.toArray(String[]::new));
        CompletableFuture<GetUpdatesResponse> answer = new CompletableFuture<>();
        inFlight = api.callAsync(request, answer);
        if (!running) {
            inFlight.cancel();
        }
        try {
            // A little over the poll's own timeout: a server that never answers does not hold the loop forever.
            List<Update> updates =
                    answer.get(timeoutSeconds + 30L, TimeUnit.SECONDS).updates();
            return updates == null ? List.of() : updates;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BotApiException failure) {
                throw failure;
            }
            throw new BotApiException("getUpdates", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            inFlight.cancel();
            throw new BotApiException("getUpdates", e);
        } finally {
            inFlight = null;
        }
    }

    /** Waits unless closed meanwhile; false if closed. */
    private boolean pause(Duration pause) {
        try {
            return !closed.await(pause.toMillis(), TimeUnit.MILLISECONDS) && running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Whether the loop is running. */
    public boolean running() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /**
     * Stops polling: the open poll is cancelled at once; a handler in progress gets a few seconds to finish (its
     * update is delivered again at the next start if it does not, since its offset was never confirmed).
     */
    @Override
    public void close() {
        running = false;
        closed.countDown();
        Cancellable poll = inFlight;
        if (poll != null) {
            poll.cancel();
        }
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            if (!t.join(CLOSE_GRACE)) {
                t.interrupt();
                if (!t.join(Duration.ofSeconds(2))) {
                    log.warn("The {} bot's poller did not stop", api.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
