package dev.cairn.core.content.view;

import dev.cairn.core.id.ContentId;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Prices in a map: for embedding without a database, and for tests. */
public final class InMemoryPriceStore implements PriceStore {
    private final Map<ContentId, Prices> prices = new ConcurrentHashMap<>();

    @Override
    public Prices of(ContentId content) {
        return prices.getOrDefault(Objects.requireNonNull(content, "content"), Prices.none());
    }

    @Override
    public void set(ContentId content, Prices prices) {
        this.prices.put(Objects.requireNonNull(content, "content"), Objects.requireNonNull(prices, "prices"));
    }
}
