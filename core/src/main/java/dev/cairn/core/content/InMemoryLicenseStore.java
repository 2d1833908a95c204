package dev.cairn.core.content;

import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Licenses in a map: for embedding without a database, and for tests. Thread-safe. */
public final class InMemoryLicenseStore implements LicenseStore {
    private record Key(long userId, ContentId content) {}

    private static final Comparator<License> NEWEST_FIRST = Comparator.comparing(License::grantedAt)
            .thenComparing(License::content)
            .reversed();

    private final Map<Key, License> licenses = new HashMap<>();

    @Override
    public synchronized Optional<License> find(long userId, ContentId content) {
        return Optional.ofNullable(licenses.get(new Key(userId, Objects.requireNonNull(content, "content"))));
    }

    @Override
    public synchronized boolean grant(License license) {
        Objects.requireNonNull(license, "license");
        return licenses.putIfAbsent(new Key(license.userId(), license.content()), license) == null;
    }

    @Override
    public synchronized boolean revoke(long userId, ContentId content) {
        return licenses.remove(new Key(userId, Objects.requireNonNull(content, "content"))) != null;
    }

    @Override
    public synchronized List<License> heldBy(long userId, Optional<Instant> before, int limit) {
        Objects.requireNonNull(before, "before");
        if (limit < 0) {
            throw new IllegalArgumentException("a limit is >= 0, got " + limit);
        }
        return licenses.values().stream()
                .filter(l -> l.userId() == userId)
                .filter(l -> before.isEmpty() || l.grantedAt().isBefore(before.get()))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }
}
