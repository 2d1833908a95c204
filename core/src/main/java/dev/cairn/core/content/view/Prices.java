package dev.cairn.core.content.view;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What an owner asks for a content: a price in Stars and/or in nanotons of TON; neither means it is not for sale.
 * Purchase options are offered in {@link PaymentMethod} order (Stars, then TON), the one row the Mini App shows.
 */
public record Prices(OptionalLong stars, OptionalLong nanotons) {
    /** Telegram accepts at most 100,000 Stars in one invoice; a price above can never be paid. */
    public static final long MAX_STARS = 100_000;

    public Prices {
        Objects.requireNonNull(stars, "stars");
        Objects.requireNonNull(nanotons, "nanotons");
        if (stars.isPresent() && (stars.getAsLong() <= 0 || stars.getAsLong() > MAX_STARS)) {
            throw new IllegalArgumentException(
                    "a Stars price is 1 to " + MAX_STARS + " Stars, got " + stars.getAsLong());
        }
        if (nanotons.isPresent() && nanotons.getAsLong() <= 0) {
            throw new IllegalArgumentException("a TON price is > 0 nanotons, got " + nanotons.getAsLong());
        }
    }

    public static Prices none() {
        return new Prices(OptionalLong.empty(), OptionalLong.empty());
    }

    public static Prices of(long stars, long nanotons) {
        return new Prices(OptionalLong.of(stars), OptionalLong.of(nanotons));
    }

    /** The options these prices offer, Stars first. */
    public List<PurchaseOption> options() {
        var options = new java.util.ArrayList<PurchaseOption>(2);
        stars.ifPresent(s -> options.add(new PurchaseOption(PaymentMethod.STARS, s)));
        nanotons.ifPresent(n -> options.add(new PurchaseOption(PaymentMethod.TON, n)));
        return List.copyOf(options);
    }
}
