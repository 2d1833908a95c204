package dev.cairn.core.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.NodeId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PeerBook} must do; each implementation's test extends this. */
public abstract class PeerBookContract {
    static final NodeId A = new NodeId(Digest256.blake3("a".getBytes(StandardCharsets.UTF_8)));
    static final NodeId B = new NodeId(Digest256.blake3("b".getBytes(StandardCharsets.UTF_8)));

    protected PeerBook book;

    protected abstract PeerBook newBook();

    @BeforeEach
    void open() {
        book = newBook();
    }

    static KnownPeer peer(NodeId id, String host, long seen) {
        return new KnownPeer(id, URI.create(host), seen);
    }

    @Test
    void anEmptyBookHasNoPeers() {
        assertThat(book.mostRecent(10)).isEmpty();
    }

    @Test
    void peersComeBackMostRecentFirstUpToTheLimit() {
        book.remember(List.of(peer(A, "https://a.example:8080", 1_000), peer(B, "https://b.example", 2_000)));

        assertThat(book.mostRecent(10))
                .containsExactly(peer(B, "https://b.example", 2_000), peer(A, "https://a.example:8080", 1_000));
        assertThat(book.mostRecent(1)).containsExactly(peer(B, "https://b.example", 2_000));
    }

    @Test
    void aNewerSightingReplacesTheEntryAndAnOlderOneDoesNot() {
        book.remember(List.of(peer(A, "https://a.example", 2_000)));
        book.remember(List.of(peer(A, "https://a-moved.example", 3_000)));
        book.remember(List.of(peer(A, "https://a-stale.example", 1_000)));

        assertThat(book.mostRecent(10)).containsExactly(peer(A, "https://a-moved.example", 3_000));
    }

    @Test
    void peersNotSeenSinceACutOffAreForgotten() {
        book.remember(List.of(peer(A, "https://a.example", 1_000), peer(B, "https://b.example", 5_000)));

        assertThat(book.forgetSeenBefore(2_000)).isEqualTo(1);
        assertThat(book.mostRecent(10)).containsExactly(peer(B, "https://b.example", 5_000));
    }
}
