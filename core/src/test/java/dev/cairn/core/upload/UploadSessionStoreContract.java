package dev.cairn.core.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.encryption.WrappedKey;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UploadSessionStore} must do; each implementation's test extends this. Sessions belong to the
 * user {@link #OWNER}, which a database implementation must create first ({@link #ownerExists}).
 */
public abstract class UploadSessionStoreContract {
    protected static final long OWNER = 42;
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final ContentId CONTENT = new ContentId(Digest256.blake3("c".getBytes(StandardCharsets.UTF_8)));

    protected UploadSessionStore store;

    protected abstract UploadSessionStore newStore();

    /** Called before each test: make {@link #OWNER} exist where sessions need an existing user. */
    protected void ownerExists() {}

    /** Registers {@link #CONTENT} where a finished session must reference an existing content. */
    protected void contentExists(ContentId content) {}

    @BeforeEach
    void open() {
        store = newStore();
        ownerExists();
    }

    static WrappedKey key(UploadId id) {
        var random = new Random(id.value().hashCode());
        MasterKey master = MasterKey.generate(random::nextBytes);
        return master.wrap(ContentKey.generate(random::nextBytes), KeyContext.upload(id.value()));
    }

    static UploadSession session(String hex, OptionalLong length, Instant expires) {
        var id = new UploadId(hex.repeat(32 / hex.length()));
        return new UploadSession(
                id,
                OWNER,
                0,
                length,
                Map.of("filename", "song.mp3", "title", "Ünïcode title"),
                Concatenation.NONE,
                key(id),
                T0,
                expires,
                Optional.empty());
    }

    @Test
    void aCreatedSessionIsFoundAsCreatedAndItsIdCannotBeTakenAgain() {
        var s = session("a1", OptionalLong.of(100), T0.plusSeconds(3600));

        assertThat(store.create(s)).isTrue();
        assertThat(store.find(s.id())).contains(s);
        assertThat(store.create(s)).isFalse();
        assertThat(store.find(new UploadId("b2".repeat(16)))).isEmpty();
    }

    @Test
    void theOffsetMovesOnlyFromWhereTheCallerSawIt() {
        var s = session("a1", OptionalLong.of(100), T0.plusSeconds(3600));
        store.create(s);

        assertThat(store.advance(s.id(), 0, 40)).isTrue();
        assertThat(store.advance(s.id(), 0, 60)).as("a stale expected offset").isFalse();
        assertThat(store.advance(s.id(), 40, 101)).as("past the length").isFalse();
        assertThat(store.advance(s.id(), 40, 30)).as("backwards").isFalse();
        assertThat(store.find(s.id())).map(UploadSession::offset).contains(40L);
    }

    @Test
    void aDeferredLengthIsDeclaredOnceAndNotBelowTheOffset() {
        var s = session("a1", OptionalLong.empty(), T0.plusSeconds(3600));
        store.create(s);
        store.advance(s.id(), 0, 50);

        assertThat(store.declareLength(s.id(), 49)).isFalse();
        assertThat(store.declareLength(s.id(), 80)).isTrue();
        assertThat(store.declareLength(s.id(), 90)).isFalse();
        assertThat(store.find(s.id()).orElseThrow().length()).hasValue(80);
    }

    @Test
    void onlyACompleteUploadFinishesAndOnlyOnce() {
        var s = session("a1", OptionalLong.of(10), T0.plusSeconds(3600));
        store.create(s);
        contentExists(CONTENT);

        assertThat(store.finish(s.id(), CONTENT)).as("incomplete").isFalse();
        store.advance(s.id(), 0, 10);
        assertThat(store.finish(s.id(), CONTENT)).isTrue();
        assertThat(store.finish(s.id(), CONTENT)).isFalse();
        assertThat(store.find(s.id()).orElseThrow().contentId()).contains(CONTENT);
        assertThat(store.advance(s.id(), 10, 10))
                .as("a finished upload takes no more bytes")
                .isFalse();
    }

    @Test
    void expiredListsUnfinishedSessionsPastTheirExpiryEarliestFirst() {
        var late = session("a1", OptionalLong.of(10), T0.plusSeconds(200));
        var early = session("b2", OptionalLong.of(10), T0.plusSeconds(100));
        var fresh = session("c3", OptionalLong.of(10), T0.plusSeconds(9_000));
        var done = session("d4", OptionalLong.of(0), T0.plusSeconds(50));
        List.of(late, early, fresh, done).forEach(store::create);
        contentExists(CONTENT);
        store.finish(done.id(), CONTENT);

        assertThat(store.expired(T0.plusSeconds(300), 10))
                .extracting(UploadSession::id)
                .containsExactly(early.id(), late.id());
        assertThat(store.expired(T0.plusSeconds(300), 1))
                .extracting(UploadSession::id)
                .containsExactly(early.id());
    }

    @Test
    void aDeletedSessionIsGone() {
        var s = session("a1", OptionalLong.of(10), T0.plusSeconds(3600));
        store.create(s);

        assertThat(store.delete(s.id())).isTrue();
        assertThat(store.delete(s.id())).isFalse();
        assertThat(store.find(s.id())).isEmpty();
    }
}
