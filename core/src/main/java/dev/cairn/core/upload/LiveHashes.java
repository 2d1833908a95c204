package dev.cairn.core.upload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hash state of recently active uploads, kept in memory between their requests so a continuing upload hashes
 * only its new bytes. Bounded (about 600 KiB per entry): the least recently used upload beyond the limit loses its
 * state and re-reads its prefix once when it continues. A request {@linkplain #take takes} an upload's state and
 * {@linkplain #keep keeps} it again only if every byte it hashed became durable, so a failed request can never leave
 * a hasher that is ahead of the spool.
 */
final class LiveHashes {
    private final int limit;
    private final Map<UploadId, HashProgress> states;

    LiveHashes(int limit) {
        this.limit = limit;
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UploadId, HashProgress> eldest) {
                return size() > LiveHashes.this.limit;
            }
        };
    }

    synchronized Optional<HashProgress> take(UploadId id) {
        return Optional.ofNullable(states.remove(id));
    }

    synchronized void keep(UploadId id, HashProgress state) {
        if (limit > 0) {
            states.put(id, state);
        }
    }

    synchronized void forget(UploadId id) {
        states.remove(id);
    }
}
