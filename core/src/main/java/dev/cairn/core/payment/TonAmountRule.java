package dev.cairn.core.payment;

/**
 * How much of a TON price must arrive. A wallet that sends with the "pay fees separately" flag (TON Connect wallets
 * do) delivers the full value; one that pays the forward fee out of the value delivers a little less. So a transfer
 * pays a price when it is short by at most {@code min(toleranceNanotons, price / 100)}: never more than 1% of the
 * price, and never more than the configured tolerance ({@code TON_FEE_TOLERANCE_NANOTONS}, 0.01 TON by default, far
 * above a comment transfer's forward fee). More than the price is accepted and kept.
 */
public record TonAmountRule(long toleranceNanotons) {
    /** 0.01 TON. */
    public static final long DEFAULT_TOLERANCE_NANOTONS = 10_000_000L;

    public TonAmountRule {
        if (toleranceNanotons < 0) {
            throw new IllegalArgumentException("a tolerance is >= 0 nanotons, got " + toleranceNanotons);
        }
    }

    public static TonAmountRule standard() {
        return new TonAmountRule(DEFAULT_TOLERANCE_NANOTONS);
    }

    /** The least that pays {@code price}. */
    public long minimumFor(long price) {
        return price - Math.min(toleranceNanotons, price / 100);
    }

    /** Whether {@code received} nanotons pay {@code price}. */
    public boolean pays(long received, long price) {
        return received >= minimumFor(price);
    }
}
