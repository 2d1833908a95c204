package dev.cairn.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContentStore} must do; each implementation's test extends this. Contents belong to the user
 * {@link #OWNER} unless a test says otherwise ({@link #OTHER}); a database implementation must create both users first
 * ({@link #ownerExists}).
 */
public abstract class ContentStoreContract {
    protected static final long OWNER = 42;
    protected static final long OTHER = 7;
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final Cid CID = new Cid("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");

    protected ContentStore store;

    protected abstract ContentStore newStore();

    /** Called before each test: make {@link #OWNER} and {@link #OTHER} exist where contents need an existing user. */
    protected void ownerExists() {}

    @BeforeEach
    void open() {
        store = newStore();
        ownerExists();
    }

    static ContentId id(String seed) {
        return new ContentId(Digest256.blake3(seed.getBytes(StandardCharsets.UTF_8)));
    }

    static ContentRecord content(String seed, Instant createdAt) {
        return content(seed, OWNER, createdAt);
    }

    static ContentRecord content(String seed, long owner, Instant createdAt) {
        var random = new Random(seed.hashCode());
        MasterKey master = MasterKey.generate(random::nextBytes);
        ContentId id = id(seed);
        return new ContentRecord(
                id,
                owner,
                ContentKind.AUDIO,
                "audio/mpeg",
                1234,
                "Ünïcode title " + seed,
                Optional.of(seed + ".mp3"),
                master.wrap(ContentKey.generate(random::nextBytes), KeyContext.content(id)),
                createdAt,
                Optional.empty());
    }

    @Test
    void aRegisteredContentIsFoundAsRegisteredAndRegisteringItAgainChangesNothing() {
        ContentRecord c = content("a", T0);

        assertThat(store.register(c)).isTrue();
        assertThat(store.find(c.id())).contains(c);
        assertThat(store.register(content("a", T0.plusSeconds(60)))).isFalse();
        assertThat(store.find(c.id())).contains(c);
    }

    @Test
    void anUnknownContentIsNotFound() {
        assertThat(store.find(id("never registered"))).isEmpty();
    }

    @Test
    void aContentWithoutFileNameIsKeptWithout() {
        ContentRecord c = content("b", T0);
        var nameless = new ContentRecord(
                c.id(),
                c.ownerId(),
                ContentKind.BINARY,
                "application/octet-stream",
                0,
                "",
                Optional.empty(),
                c.wrappedKey(),
                c.createdAt(),
                Optional.empty());

        store.register(nameless);

        assertThat(store.find(c.id())).contains(nameless);
    }

    @Test
    void theCidIsRecordedOnlyForAKnownContent() {
        ContentRecord c = content("a", T0);
        store.register(c);

        assertThat(store.setIpfsCid(c.id(), CID)).isTrue();
        assertThat(store.find(c.id()).orElseThrow().ipfsCid()).contains(CID);
        assertThat(store.setIpfsCid(id("unknown"), CID)).isFalse();
    }

    @Test
    void contentsWithoutACidAreListedOldestFirstUpToTheLimit() {
        ContentRecord late = content("late", T0.plusSeconds(20));
        ContentRecord early = content("early", T0);
        ContentRecord middle = content("middle", T0.plusSeconds(10));
        ContentRecord pinned = content("pinned", T0.minusSeconds(10));
        store.register(late);
        store.register(early);
        store.register(middle);
        store.register(pinned);
        store.setIpfsCid(pinned.id(), CID);

        assertThat(store.withoutIpfsCid(10))
                .extracting(ContentRecord::id)
                .containsExactly(early.id(), middle.id(), late.id());
        assertThat(store.withoutIpfsCid(2)).extracting(ContentRecord::id).containsExactly(early.id(), middle.id());
        assertThat(store.withoutIpfsCid(0)).isEmpty();
    }

    @Test
    void anOwnersContentsAreListedNewestFirstUpToTheLimitAndNobodyElses() {
        ContentRecord early = content("early", T0);
        ContentRecord late = content("late", T0.plusSeconds(20));
        ContentRecord middle = content("middle", T0.plusSeconds(10));
        ContentRecord others = content("others", OTHER, T0.plusSeconds(15));
        List.of(early, late, middle, others).forEach(store::register);

        assertThat(store.ownedBy(OWNER, Optional.empty(), 10)).containsExactly(late, middle, early);
        assertThat(store.ownedBy(OWNER, Optional.empty(), 2)).containsExactly(late, middle);
        assertThat(store.ownedBy(OWNER, Optional.empty(), 0)).isEmpty();
        assertThat(store.ownedBy(OTHER, Optional.empty(), 10)).containsExactly(others);
        assertThat(store.ownedBy(1234, Optional.empty(), 10)).isEmpty();
    }

    @Test
    void theNextPageOfAnOwnersContentsStartsStrictlyBeforeTheGivenTime() {
        ContentRecord early = content("early", T0);
        ContentRecord middle = content("middle", T0.plusSeconds(10));
        ContentRecord late = content("late", T0.plusSeconds(20));
        List.of(early, middle, late).forEach(store::register);

        assertThat(store.ownedBy(OWNER, Optional.of(middle.createdAt()), 10)).containsExactly(early);
        assertThat(store.ownedBy(OWNER, Optional.of(T0.plusSeconds(21)), 1)).containsExactly(late);
        assertThat(store.ownedBy(OWNER, Optional.of(T0), 10)).isEmpty();
    }

    @Test
    void aNegativeLimitIsRefusedNamingIt() {
        assertThatThrownBy(() -> store.ownedBy(OWNER, Optional.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
