package dev.cairn.app.node;

import dev.cairn.adapters.postgres.PostgresPaymentStore;
import dev.cairn.adapters.postgres.PostgresTonTransferLog;
import dev.cairn.adapters.telegram.ton.ToncenterSettings;
import dev.cairn.adapters.telegram.ton.ToncenterTransfers;
import dev.cairn.app.config.PaymentConfig;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.content.LicenseStore;
import dev.cairn.core.content.view.PriceStore;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.payment.PurchaseListener;
import dev.cairn.core.payment.Purchases;
import dev.cairn.core.payment.StarsGateway;
import dev.cairn.core.payment.TonAmountRule;
import dev.cairn.core.payment.TonSettlement;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.RandomBytes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's purchases: the use case over PostgreSQL, the licenses a crash left ungranted granted at start, pending
 * intents expired every minute, and, with a TON wallet configured, its incoming transfers read every {@code
 * TON_POLL_INTERVAL_SEC}. A TON API outage is logged when it starts and when it ends, not at every poll.
 */
final class NodePayments implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodePayments.class);
    static final Duration EXPIRE_EVERY = Duration.ofMinutes(1);

    private final Purchases purchases;
    private final Optional<ToncenterTransfers> tonApi;
    private final Optional<TonSettlement> ton;
    private final Duration tonEvery;
    private final Forwarding listener = new Forwarding();
    private final Counter tonLicensed;
    private final Counter tonFailures;
    private final ScheduledThreadPoolExecutor thread;
    private volatile boolean tonFailing;

    NodePayments(
            PaymentConfig config,
            DSLContext dsl,
            ContentStore contents,
            PriceStore prices,
            LicenseStore licenses,
            Optional<StarsGateway> stars,
            Clock clock,
            RandomBytes random,
            MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        TonAmountRule rule = config.ton()
                .map(t -> new TonAmountRule(t.feeToleranceNanotons()))
                .orElse(TonAmountRule.standard());
        purchases = new Purchases(
                contents,
                prices,
                licenses,
                new PostgresPaymentStore(dsl, clock),
                stars,
                rule,
                clock,
                random,
                config.intentTtl(),
                listener);
        tonApi = config.ton()
                .map(t -> new ToncenterTransfers(ToncenterSettings.of(t.apiUrl(), t.address(), t.apiKey())));
        ton = tonApi.map(api -> new TonSettlement(api, new PostgresTonTransferLog(dsl), purchases, clock));
        tonEvery = config.ton().map(PaymentConfig.Ton::pollInterval).orElse(Duration.ofSeconds(10));
        tonLicensed = Counter.builder("cairn.purchases.ton.licensed")
                .description("TON purchases settled and licensed by the wallet watcher")
                .register(registry);
        tonFailures = Counter.builder("cairn.purchases.ton.poll.failures")
                .description("reads of the TON wallet's transactions that failed")
                .register(registry);
        thread = DaemonSchedule.single("cairn-payments");
    }

    Purchases purchases() {
        return purchases;
    }

    /** The wallet TON purchases pay into, when TON is configured. */
    Optional<String> tonAddress() {
        return tonApi.map(ToncenterTransfers::receivingAddress);
    }

    /** Who hears of licensed and refunded purchases (the client bot, which is built after the use case). */
    void listenWith(PurchaseListener next) {
        listener.target = Objects.requireNonNull(next, "next");
    }

    /** Grants what a crash left ungranted, then starts the schedules. */
    void start() {
        purchases.recover();
        long expireMillis = EXPIRE_EVERY.toMillis();
        thread.scheduleWithFixedDelay(this::expire, expireMillis, expireMillis, TimeUnit.MILLISECONDS);
        ton.ifPresent(settlement -> {
            thread.scheduleWithFixedDelay(() -> poll(settlement), 0, tonEvery.toMillis(), TimeUnit.MILLISECONDS);
            log.info("TON payments on: watching {} every {} s", tonAddress().orElseThrow(), tonEvery.toSeconds());
        });
        if (ton.isEmpty()) {
            log.info("TON payments are off: TON_RECEIVING_ADDRESS is unset");
        }
    }

    private void expire() {
        try {
            purchases.expire();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again (a database outage must not end it).
            log.atError().setCause(e).log("expiring purchase intents failed");
        }
    }

    private void poll(TonSettlement settlement) {
        try {
            tonLicensed.increment(settlement.poll());
            if (tonFailing) {
                tonFailing = false;
                log.info("the TON API answers again");
            }
        } catch (IOException | RuntimeException e) {
            tonFailures.increment();
            if (!tonFailing) {
                tonFailing = true;
                log.atWarn()
                        .addKeyValue("error", e.getMessage())
                        .log("reading the TON wallet failed; retrying every poll, logged again when it recovers");
            }
        }
    }

    @Override
    public void close() {
        DaemonSchedule.stop(thread, Duration.ofSeconds(10));
        tonApi.ifPresent(ToncenterTransfers::close);
    }

    /** A listener set after construction; until then, and if the target throws, nobody is told. */
    private static final class Forwarding implements PurchaseListener {
        volatile PurchaseListener target = PurchaseListener.NONE;

        @Override
        public void licensed(PurchaseIntent intent) {
            try {
                target.licensed(intent);
            } catch (RuntimeException e) {
                log.atWarn().setCause(e).addKeyValue("intent", intent.id()).log("telling the buyer failed");
            }
        }

        @Override
        public void refunded(PurchaseIntent intent) {
            try {
                target.refunded(intent);
            } catch (RuntimeException e) {
                log.atWarn().setCause(e).addKeyValue("intent", intent.id()).log("telling the buyer failed");
            }
        }
    }
}
