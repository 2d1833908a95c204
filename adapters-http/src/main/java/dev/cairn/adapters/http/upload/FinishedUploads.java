package dev.cairn.adapters.http.upload;

import dev.cairn.core.id.ContentId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The tusd uploads this node turned into contents, remembered in memory (the most recent {@code limit}), so that a
 * finish hook tusd repeats, or a {@code post-finish} after a {@code pre-finish}, answers the same ContentId instead of
 * storing the file a second time under a fresh key. A repeat that arrives while the first is still storing waits for
 * it and shares its outcome; a failure is forgotten, so the next repeat tries again. After a restart nothing is
 * remembered.
 */
final class FinishedUploads {
    /** One tusd upload of one user. */
    record Key(long ownerId, String tusdId) {}

    private final Map<Key, CompletableFuture<ContentId>> entries;

    FinishedUploads(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one finished upload is remembered, got " + limit);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<ContentId>> eldest) {
                return size() > limit;
            }
        };
    }

    /** The content {@code key} became: remembered, awaited, or made by {@code store} in this thread. */
    ContentId once(Key key, Supplier<ContentId> store) {
        var mine = new CompletableFuture<ContentId>();
        CompletableFuture<ContentId> earlier;
        synchronized (entries) {
            earlier = entries.putIfAbsent(key, mine);
        }
        if (earlier != null) {
            return await(earlier);
        }
        try {
            ContentId id = store.get();
            mine.complete(id);
            return id;
        } catch (RuntimeException | Error e) {
            synchronized (entries) {
                entries.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static ContentId await(CompletableFuture<ContentId> earlier) {
        try {
            return earlier.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }
}
