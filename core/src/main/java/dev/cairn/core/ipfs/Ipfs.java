package dev.cairn.core.ipfs;

import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Port: the node's IPFS daemon (Kubo). Blobs are added with fixed parameters (CIDv1, raw leaves, 256 KiB chunks) so
 * that every node holding the same encrypted blob computes the same CID. The HTTP adapter speaks Kubo's RPC API;
 * {@link #NONE} is the node without IPFS.
 */
public interface Ipfs {
    /** The daemon's identity, for the handshake's {@code ipfs} node info. */
    record Identity(String peerId, List<String> addresses) {
        public Identity {
            if (peerId == null || peerId.isBlank()) {
                throw new IllegalArgumentException("an IPFS peer id is non-blank text");
            }
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * Adds and pins the encrypted blob of {@code content}, read from {@code ciphertext}, and returns its CID.
     *
     * @throws IOException when the daemon cannot be reached, times out or refuses; the caller keeps the blob and
     *     retries later, an upload is never lost to IPFS
     */
    Cid addAndPin(ContentId content, InputStream ciphertext) throws IOException;

    /** Pins a CID already in the IPFS network (a lease holder's copy). */
    void pin(Cid cid) throws IOException;

    /** The daemon's peer id and addresses. */
    Identity identity() throws IOException;

    /** Whether this is a real daemon; {@link #NONE} is not. */
    default boolean enabled() {
        return true;
    }

    /** No IPFS: every call fails with a message saying so; {@link #enabled()} is false. */
    Ipfs NONE = new Ipfs() {
        @Override
        public Cid addAndPin(ContentId content, InputStream ciphertext) throws IOException {
            throw new IOException("IPFS is off (no IPFS_API_URL)");
        }

        @Override
        public void pin(Cid cid) throws IOException {
            throw new IOException("IPFS is off (no IPFS_API_URL)");
        }

        @Override
        public Identity identity() throws IOException {
            throw new IOException("IPFS is off (no IPFS_API_URL)");
        }

        @Override
        public boolean enabled() {
            return false;
        }
    };
}
