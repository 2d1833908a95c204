package dev.cairn.core.payment;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.InMemoryContentStore;
import dev.cairn.core.content.InMemoryLicenseStore;
import dev.cairn.core.content.view.InMemoryPriceStore;
import dev.cairn.core.content.view.Prices;
import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A purchase world in memory: an owner's priced song (50 Stars, 2 TON), a buyer, every store, a manual clock, and a
 * fake Stars gateway that records refunds. Public so adapter tests can drive the real use case with it.
 */
public final class PurchaseFixture {
    public static final long OWNER = 1001;
    public static final long BUYER = 2002;
    public static final long STARS = 50;
    public static final long NANOTONS = 2_000_000_000L;
    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    public static final Duration INTENT_TTL = Duration.ofHours(1);

    private static final MasterKey MASTER = MasterKey.generate(new Random(1)::nextBytes);

    public final ManualClock clock = new ManualClock(T0.toEpochMilli());
    public final InMemoryContentStore contents = new InMemoryContentStore();
    public final InMemoryPriceStore prices = new InMemoryPriceStore();
    public final InMemoryLicenseStore licenses = new InMemoryLicenseStore();
    public final InMemoryPaymentStore payments = new InMemoryPaymentStore();
    public final RecordingStars stars = new RecordingStars();
    public final List<String> told = new ArrayList<>();
    public final ContentRecord song;
    public final Purchases purchases;

    public PurchaseFixture() {
        this(TonAmountRule.standard());
    }

    public PurchaseFixture(TonAmountRule rule) {
        song = content("song");
        contents.register(song);
        prices.set(song.id(), Prices.of(STARS, NANOTONS));
        Random random = new Random(7);
        purchases = new Purchases(
                contents,
                prices,
                licenses,
                payments,
                Optional.of(stars),
                rule,
                clock,
                random::nextBytes,
                INTENT_TTL,
                new PurchaseListener() {
                    @Override
                    public void licensed(PurchaseIntent intent) {
                        told.add("licensed " + intent.id());
                    }

                    @Override
                    public void refunded(PurchaseIntent intent) {
                        told.add("refunded " + intent.id());
                    }
                });
    }

    /** A content of {@link #OWNER} made from {@code seed}. */
    public ContentRecord content(String seed) {
        ContentId id = new ContentId(Digest256.blake3(seed.getBytes(StandardCharsets.UTF_8)));
        return new ContentRecord(
                id,
                OWNER,
                ContentKind.AUDIO,
                "audio/mpeg",
                10_000,
                "A " + seed,
                Optional.of(seed + ".mp3"),
                MASTER.wrap(ContentKey.generate(new Random(2)::nextBytes), KeyContext.content(id)),
                T0,
                Optional.empty());
    }

    /** A Stars gateway that hands out fake links and records refunds; {@link #failing} makes both refuse. */
    public static final class RecordingStars implements StarsGateway {
        public final List<String> refunds = new ArrayList<>();
        public boolean failing;

        @Override
        public String invoiceLink(PurchaseIntent intent, String title, String description) throws PurchaseRefused {
            if (failing) {
                throw new PurchaseRefused(PurchaseRefused.Reason.UNAVAILABLE, "Telegram is down");
            }
            return "https://t.me/$invoice-" + intent.id();
        }

        @Override
        public void refund(long userId, String chargeId) throws PurchaseRefused {
            if (failing) {
                throw new PurchaseRefused(PurchaseRefused.Reason.UNAVAILABLE, "Telegram is down");
            }
            refunds.add(userId + ":" + chargeId);
        }
    }
}
