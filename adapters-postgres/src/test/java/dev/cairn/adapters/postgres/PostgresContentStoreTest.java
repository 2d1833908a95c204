package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.TestRows.content;
import static dev.cairn.adapters.postgres.TestRows.contentId;
import static dev.cairn.adapters.postgres.schema.Tables.CONTENTS;
import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.ipfs.Cid;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The content store against real PostgreSQL. The first group of tests is shaped like a contract (the port only,
 * through {@link #newStore} and {@link #ownerExists}); when core's {@code ContentStoreContract} exists, this class
 * extends it instead and keeps only the PostgreSQL group.
 */
class PostgresContentStoreTest {
    private static final long OWNER = 42;
    private static final Cid CID = new Cid("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi");

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private ContentStore store;

    private ContentStore newStore() {
        database.dsl().truncate(USERS).cascade().execute();
        return new PostgresContentStore(database.dsl());
    }

    private void ownerExists() {
        TestRows.userExists(database.dsl(), OWNER);
    }

    @BeforeEach
    void open() {
        store = newStore();
        ownerExists();
    }

    // The port.

    @Test
    void aRegisteredContentIsFoundAsRegistered() {
        var c = content(contentId("a"), OWNER, 0);
        var bare = new ContentRecord(
                contentId("b"),
                OWNER,
                ContentKind.BINARY,
                "application/octet-stream",
                0,
                "",
                Optional.empty(),
                TestRows.wrappedKey(contentId("b")),
                TestRows.T0,
                Optional.of(CID));

        assertThat(store.register(c)).isTrue();
        assertThat(store.register(bare)).isTrue();
        assertThat(store.find(c.id())).contains(c);
        assertThat(store.find(bare.id())).contains(bare);
        assertThat(store.find(contentId("never registered"))).isEmpty();
    }

    @Test
    void registeringAnIdAgainChangesNothing() {
        var first = content(contentId("a"), OWNER, 0);
        store.register(first);
        var again = content(contentId("a"), OWNER, 500);

        assertThat(store.register(again)).isFalse();
        assertThat(store.find(first.id())).contains(first);
    }

    @Test
    void aCidIsRecordedOnlyForARegisteredContent() {
        var c = content(contentId("a"), OWNER, 0);
        store.register(c);

        assertThat(store.setIpfsCid(c.id(), CID)).isTrue();
        assertThat(store.find(c.id()).orElseThrow().ipfsCid()).contains(CID);
        assertThat(store.setIpfsCid(contentId("never registered"), CID)).isFalse();
    }

    @Test
    void contentsWithoutCidAreListedOldestFirstUpToTheLimit() {
        var newest = content(contentId("a"), OWNER, 300);
        var oldest = content(contentId("b"), OWNER, 100);
        var middle = content(contentId("c"), OWNER, 200);
        var withCid = content(contentId("d"), OWNER, 50);
        List.of(newest, oldest, middle, withCid).forEach(store::register);
        store.setIpfsCid(withCid.id(), CID);

        assertThat(store.withoutIpfsCid(10)).containsExactly(oldest, middle, newest);
        assertThat(store.withoutIpfsCid(2)).containsExactly(oldest, middle);
        assertThat(store.withoutIpfsCid(0)).isEmpty();
    }

    @Test
    void contentsCreatedAtTheSameInstantAreListedInIdOrder() {
        var x = content(contentId("x"), OWNER, 0);
        var y = content(contentId("y"), OWNER, 0);
        store.register(x);
        store.register(y);

        var inIdOrder = x.id().compareTo(y.id()) < 0 ? List.of(x, y) : List.of(y, x);
        assertThat(store.withoutIpfsCid(10)).isEqualTo(inIdOrder);
    }

    // What only PostgreSQL adds.

    @Test
    void theWrappedKeysVersionAndMasterKeyIdAreCopiedIntoTheirColumns() {
        var c = content(contentId("a"), OWNER, 0);
        store.register(c);

        var row = database.dsl().fetchSingle(CONTENTS, CONTENTS.CONTENT_ID.eq(c.id().hex()));
        assertThat(row.getKeyVersion()).isEqualTo((short) 1);
        assertThat(HexFormat.of().formatHex(row.getMasterKeyId()))
                .isEqualTo(c.wrappedKey().masterKeyId());
        assertThat(row.getStatus()).isEqualTo("active");
    }

    @Test
    void aDeletedContentIsNotOfferedToTheIpfsRetry() {
        var kept = content(contentId("a"), OWNER, 0);
        var deleted = content(contentId("b"), OWNER, 0);
        store.register(kept);
        store.register(deleted);
        database.dsl()
                .update(CONTENTS)
                .set(CONTENTS.STATUS, "deleted")
                .where(CONTENTS.CONTENT_ID.eq(deleted.id().hex()))
                .execute();

        assertThat(store.withoutIpfsCid(10)).containsExactly(kept);
    }

    @Test
    void ofUploadsOfTheSameBytesRacingToRegisterExactlyOneDoes() throws Exception {
        var c = content(contentId("a"), OWNER, 0);
        int racers = 8;
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Boolean>>();
        try (var pool = Executors.newFixedThreadPool(racers)) {
            for (int r = 0; r < racers; r++) {
                Callable<Boolean> register = () -> {
                    start.await();
                    return store.register(c);
                };
                results.add(pool.submit(register));
            }
            start.countDown();
            int registered = 0;
            for (var result : results) {
                registered += result.get() ? 1 : 0;
            }
            assertThat(registered).isOne();
        }
        assertThat(database.dsl().fetchCount(CONTENTS)).isOne();
    }
}
