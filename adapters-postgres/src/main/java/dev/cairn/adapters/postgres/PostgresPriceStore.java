package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.CONTENT_PRICES;

import dev.cairn.core.content.view.PriceStore;
import dev.cairn.core.content.view.Prices;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import java.util.Objects;
import java.util.OptionalLong;
import org.jooq.DSLContext;

/**
 * Prices in {@code content_prices}, one row per content; setting {@link Prices#none()} deletes the row, so a content
 * off sale and one never priced look alike.
 */
public final class PostgresPriceStore implements PriceStore {
    private final DSLContext dsl;
    private final Clock clock;

    public PostgresPriceStore(DSLContext dsl, Clock clock) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Prices of(ContentId content) {
        return dsl.selectFrom(CONTENT_PRICES)
                .where(CONTENT_PRICES.CONTENT_ID.eq(content.hex()))
                .fetchOptional(row -> new Prices(optional(row.getStars()), optional(row.getNanotons())))
                .orElse(Prices.none());
    }

    @Override
    public void set(ContentId content, Prices prices) {
        Objects.requireNonNull(prices, "prices");
        if (prices.equals(Prices.none())) {
            dsl.deleteFrom(CONTENT_PRICES)
                    .where(CONTENT_PRICES.CONTENT_ID.eq(content.hex()))
                    .execute();
            return;
        }
        Long stars = prices.stars().isPresent() ? prices.stars().getAsLong() : null;
        Long nanotons = prices.nanotons().isPresent() ? prices.nanotons().getAsLong() : null;
        dsl.insertInto(CONTENT_PRICES)
                .set(CONTENT_PRICES.CONTENT_ID, content.hex())
                .set(CONTENT_PRICES.STARS, stars)
                .set(CONTENT_PRICES.NANOTONS, nanotons)
                .set(CONTENT_PRICES.UPDATED_AT, clock.instant())
                .onConflict(CONTENT_PRICES.CONTENT_ID)
                .doUpdate()
                .set(CONTENT_PRICES.STARS, stars)
                .set(CONTENT_PRICES.NANOTONS, nanotons)
                .set(CONTENT_PRICES.UPDATED_AT, clock.instant())
                .execute();
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
