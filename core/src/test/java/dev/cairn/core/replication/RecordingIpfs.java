package dev.cairn.core.replication;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.ipfs.Ipfs;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A node's Kubo for the replication tests: records every pin call, can be down, or absent (not enabled). */
final class RecordingIpfs implements Ipfs {
    final List<Cid> pinCalls = new CopyOnWriteArrayList<>();
    final Set<Cid> pinned = ConcurrentHashMap.newKeySet();
    volatile boolean down;
    volatile boolean enabled = true;

    @Override
    public Cid addAndPin(ContentId content, InputStream ciphertext) throws IOException {
        throw new IOException("the replication tests add nothing");
    }

    @Override
    public void pin(Cid cid) throws IOException {
        pinCalls.add(cid);
        if (down) {
            throw new IOException("Connection refused: 127.0.0.1:5001");
        }
        pinned.add(cid);
    }

    @Override
    public Identity identity() {
        return new Identity("12D3KooWReplicationTest", List.of());
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** How many times {@code cid} was asked to be pinned. */
    long calls(Cid cid) {
        return pinCalls.stream().filter(cid::equals).count();
    }
}
