package dev.cairn.core.content;

import dev.cairn.core.id.ContentId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Conversion jobs in a map, in the order they were asked for: for embedding without a database, and for tests. */
public final class InMemoryConversionQueue implements ConversionQueue {
    private final Map<ContentId, ContentKind> pending = new LinkedHashMap<>();

    @Override
    public synchronized boolean enqueue(ContentId content, ContentKind kind) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(kind, "kind");
        return pending.putIfAbsent(content, kind) == null;
    }

    /** The jobs queued so far and their kinds, oldest first. */
    public synchronized Map<ContentId, ContentKind> pending() {
        return new LinkedHashMap<>(pending);
    }
}
