package dev.cairn.core.content;

import dev.cairn.core.id.ContentId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Licenses in a map: for embedding without a database, and for tests. Thread-safe. */
public final class InMemoryLicenseStore implements LicenseStore {
    private record Key(long userId, ContentId content) {}

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
}
