package dev.cairn.core.conversion;

import dev.cairn.core.id.ContentId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A {@link DerivativeStore} in memory: for tests, simulations and embedding without a database. Thread-safe. */
public final class InMemoryDerivativeStore implements DerivativeStore {
    private final Map<ContentId, EnumMap<DerivativeKind, Derivative>> derivatives = new HashMap<>();

    @Override
    public synchronized void put(Derivative derivative) {
        Objects.requireNonNull(derivative, "derivative");
        derivatives
                .computeIfAbsent(derivative.content(), c -> new EnumMap<>(DerivativeKind.class))
                .put(derivative.kind(), derivative);
    }

    @Override
    public synchronized List<Derivative> of(ContentId content) {
        var kinds = derivatives.get(content);
        return kinds == null ? List.of() : List.copyOf(new ArrayList<>(kinds.values()));
    }
}
