package dev.cairn.core.upload;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.ipfs.Ipfs;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A Kubo that can be switched off: what it pinned, and a CID derived from the content id. */
final class FakeIpfs implements Ipfs {
    final Map<ContentId, byte[]> pinned = new ConcurrentHashMap<>();
    volatile boolean down;

    static Cid cidOf(ContentId id) {
        // Hex digits outside base32's alphabet mapped into it: a well-formed CID, distinct per content.
        return new Cid("bafk"
                + id.hex().replace('0', 'w').replace('1', 'x').replace('8', 'y').replace('9', 'z'));
    }

    @Override
    public Cid addAndPin(ContentId content, InputStream ciphertext) throws IOException {
        if (down) {
            throw new IOException("Connection refused: 127.0.0.1:5001");
        }
        pinned.put(content, ciphertext.readAllBytes());
        return cidOf(content);
    }

    @Override
    public void pin(Cid cid) {}

    @Override
    public Identity identity() {
        return new Identity("12D3KooWFake", List.of());
    }
}
