package dev.cairn.adapters.telegram.bot;

import dev.cairn.adapters.telegram.FakeBotApi;
import dev.cairn.adapters.telegram.stars.BotStarsGateway;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.InMemoryContentStore;
import dev.cairn.core.content.InMemoryLicenseStore;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.InMemoryPriceStore;
import dev.cairn.core.content.view.PriceStore;
import dev.cairn.core.content.view.Prices;
import dev.cairn.core.conversion.InMemoryDerivativeStore;
import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.payment.InMemoryPaymentStore;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.payment.Purchases;
import dev.cairn.core.payment.TonAmountRule;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

/**
 * A client bot polling a {@link FakeBotApi}, over core's in-memory stores: the production bot and Stars gateway, with
 * only Telegram's servers replaced.
 */
final class ClientFixture implements AutoCloseable {
    static final String TOKEN = "1001:client-token";
    static final long OWNER = 100;
    static final long BUYER = 200;
    static final String TON_ADDRESS = "UQBvW8Z5huBkMJYdnfAEM5JqTNkuWX3diqYENkWsIL0XggGG";
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final Duration INTENT_TTL = Duration.ofMinutes(15);

    final FakeBotApi telegram;
    final BotApi api;
    final ManualClock clock = new ManualClock(T0.toEpochMilli());
    final InMemoryContentStore contents = new InMemoryContentStore();
    final InMemoryLicenseStore licenses = new InMemoryLicenseStore();
    final SwitchablePrices prices = new SwitchablePrices();
    final InMemoryPaymentStore payments = new InMemoryPaymentStore();
    final InMemoryDerivativeStore derivatives = new InMemoryDerivativeStore();
    final Links links = new Links(URI.create("https://cairn.example/"), Optional.of("cairn_client_bot"));
    final Purchases purchases;
    final ClientBot bot;
    final LongPolling polling;
    private final RandomBytes random = seeded(11);
    private final MasterKey master = MasterKey.generate(random);

    ClientFixture() throws IOException {
        this(Optional.of(TON_ADDRESS));
    }

    ClientFixture(Optional<String> tonAddress) throws IOException {
        this(tonAddress, Optional.empty(), TOKEN);
    }

    /** A client bot talking to another Bot API server at {@code botApi} (an emulator) instead of a FakeBotApi. */
    ClientFixture(URI botApi, String token) throws IOException {
        this(Optional.of(TON_ADDRESS), Optional.of(botApi), token);
    }

    private ClientFixture(Optional<String> tonAddress, Optional<URI> botApi, String token) throws IOException {
        telegram = botApi.isPresent() ? null : FakeBotApi.start(token).username("cairn_client_bot");
        api = new BotApi("client", token, botApi.orElseGet(() -> telegram.baseUrl()));
        purchases = new Purchases(
                contents,
                prices,
                licenses,
                payments,
                Optional.of(new BotStarsGateway(api)),
                TonAmountRule.standard(),
                clock,
                random,
                INTENT_TTL,
                new BuyerNotices(api, contents, links));
        bot = new ClientBot(
                api,
                new ContentViews(contents, derivatives, licenses, prices),
                purchases,
                links,
                tonAddress,
                Optional.of("@cairn_help"),
                clock);
        polling = new LongPolling(api, bot, 1, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    ClientFixture start() {
        polling.start();
        return this;
    }

    /** A video of {@link #OWNER} at these prices. */
    ContentRecord content(String title, Prices price) {
        ContentId id = new ContentId(Digest256.blake3(title.getBytes(StandardCharsets.UTF_8)));
        ContentRecord record = new ContentRecord(
                id,
                OWNER,
                ContentKind.VIDEO,
                "video/mp4",
                1000,
                title,
                Optional.of(title + ".mp4"),
                master.wrap(ContentKey.generate(random), KeyContext.content(id)),
                T0,
                Optional.empty());
        contents.register(record);
        prices.set(id, price);
        return record;
    }

    /** The one pending intent of the buyer (the payload of the invoice the bot sent). */
    PurchaseIntent intent(String id) {
        return payments.find(id).orElseThrow();
    }

    /** The owners' prices, with a switch to make reading them fail as a database that is down does. */
    static final class SwitchablePrices implements PriceStore {
        private final InMemoryPriceStore store = new InMemoryPriceStore();
        volatile boolean down;

        @Override
        public Prices of(ContentId content) {
            if (down) {
                throw new IllegalStateException("the database is down");
            }
            return store.of(content);
        }

        @Override
        public void set(ContentId content, Prices prices) {
            store.set(content, prices);
        }
    }

    static RandomBytes seeded(long seed) {
        Random random = new Random(seed);
        return into -> {
            synchronized (random) {
                random.nextBytes(into);
            }
        };
    }

    @Override
    public void close() {
        polling.close();
        api.close();
        if (telegram != null) {
            telegram.close();
        }
    }
}
