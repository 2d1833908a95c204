package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.UPLOAD_SESSION_PARTS;
import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.upload.Concatenation;
import dev.cairn.core.upload.UploadId;
import dev.cairn.core.upload.UploadSession;
import dev.cairn.core.upload.UploadSessionStore;
import dev.cairn.core.upload.UploadSessionStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The upload session store contract against real PostgreSQL, and what only a database adds: parts, races, keys. */
class PostgresUploadSessionStoreTest extends UploadSessionStoreContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected UploadSessionStore newStore() {
        // Everything here hangs off a user: sessions, their parts, contents.
        database.dsl().truncate(USERS).cascade().execute();
        return new PostgresUploadSessionStore(database.dsl(), new ManualClock(T0.toEpochMilli()));
    }

    @Override
    protected void ownerExists() {
        TestRows.userExists(database.dsl(), OWNER);
    }

    @Override
    protected void contentExists(ContentId content) {
        new PostgresContentStore(database.dsl()).register(TestRows.content(content, OWNER, 0));
    }

    private static UploadSession upload(String hex, long length, Concatenation concatenation) {
        var id = new UploadId(hex.repeat(32 / hex.length()));
        var random = new Random(hex.hashCode());
        return new UploadSession(
                id,
                OWNER,
                0,
                OptionalLong.of(length),
                Map.of("filename", "part " + hex),
                concatenation,
                TestRows.MASTER.wrap(ContentKey.generate(random::nextBytes), KeyContext.upload(id.value())),
                T0,
                T0.plusSeconds(60),
                Optional.empty());
    }

    @Test
    void aFinalUploadReadsBackWithItsPartsInOrder() {
        var first = upload("a1", 10, Concatenation.PARTIAL);
        var second = upload("b2", 20, Concatenation.PARTIAL);
        var combined = upload("c3", 30, new Concatenation.Final(List.of(second.id(), first.id())));
        List.of(first, second).forEach(store::create);

        assertThat(store.create(combined)).isTrue();
        assertThat(store.find(combined.id())).contains(combined);
        assertThat(store.find(first.id())).contains(first);
        assertThat(store.expired(T0.plusSeconds(61), 10)).containsExactly(first, second, combined);
    }

    @Test
    void aFinalUploadCreatedTwiceKeepsItsFirstParts() {
        var part = upload("a1", 10, Concatenation.PARTIAL);
        var other = upload("b2", 10, Concatenation.PARTIAL);
        store.create(part);
        store.create(other);
        var combined = upload("c3", 10, new Concatenation.Final(List.of(part.id())));
        store.create(combined);

        var again = upload("c3", 10, new Concatenation.Final(List.of(other.id())));
        assertThat(store.create(again)).isFalse();
        assertThat(store.find(combined.id())).contains(combined);
    }

    @Test
    void deletingAFinalUploadDeletesItsPartsListButNotThePartials() {
        var part = upload("a1", 10, Concatenation.PARTIAL);
        store.create(part);
        var combined = upload("c3", 10, new Concatenation.Final(List.of(part.id())));
        store.create(combined);

        assertThat(store.delete(combined.id())).isTrue();
        assertThat(database.dsl().fetchCount(UPLOAD_SESSION_PARTS)).isZero();
        assertThat(store.find(part.id())).contains(part);
    }

    @Test
    void aPartialUploadCannotBeDeletedWhileAFinalUploadConcatenatesIt() {
        var part = upload("a1", 10, Concatenation.PARTIAL);
        store.create(part);
        store.create(upload("c3", 10, new Concatenation.Final(List.of(part.id()))));

        assertThatThrownBy(() -> store.delete(part.id())).isInstanceOf(DataAccessException.class);
        assertThat(store.find(part.id())).contains(part);
    }

    @Test
    void ofRequestsRacingToAdvanceFromOneOffsetExactlyOneWins() throws Exception {
        var s = upload("a1", 1_000, Concatenation.NONE);
        store.create(s);
        int racers = 8;
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Boolean>>();
        try (var pool = Executors.newFixedThreadPool(racers)) {
            for (int r = 0; r < racers; r++) {
                long to = 100 + r;
                Callable<Boolean> advance = () -> {
                    start.await();
                    return store.advance(s.id(), 0, to);
                };
                results.add(pool.submit(advance));
            }
            start.countDown();
            int winners = 0;
            for (var result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isOne();
        }
        assertThat(store.find(s.id()).orElseThrow().offset()).isBetween(100L, 100L + racers - 1);
    }

    @Test
    void metadataHoldingNulIsRefusedNamingThePair() {
        var s = upload("a1", 10, Concatenation.NONE);
        var withNul = new UploadSession(
                s.id(),
                OWNER,
                0,
                s.length(),
                Map.of("filename", "a\0b"),
                s.concatenation(),
                s.wrappedKey(),
                T0,
                s.expiresAt(),
                Optional.empty());

        assertThatThrownBy(() -> store.create(withNul))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filename");
        assertThat(store.find(s.id())).isEmpty();
    }
}
