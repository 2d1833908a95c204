package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.TestRows.content;
import static dev.cairn.adapters.postgres.TestRows.contentId;
import static dev.cairn.adapters.postgres.schema.Tables.CONTENTS;
import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.content.ContentStore;
import dev.cairn.core.content.ContentStoreContract;
import dev.cairn.core.ipfs.Cid;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The content store against real PostgreSQL: core's contract, then what only PostgreSQL adds (its columns, tombstones,
 * concurrent registration, ties in creation time).
 */
class PostgresContentStoreTest extends ContentStoreContract {
    private static final Cid CID = new Cid("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi");

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected ContentStore newStore() {
        database.dsl().truncate(USERS).cascade().execute();
        return new PostgresContentStore(database.dsl());
    }

    @Override
    protected void ownerExists() {
        TestRows.userExists(database.dsl(), OWNER);
        TestRows.userExists(database.dsl(), OTHER);
    }

    // What only PostgreSQL adds.

    @Test
    void contentsCreatedAtTheSameInstantAreListedInIdOrder() {
        var x = content(contentId("x"), OWNER, 0);
        var y = content(contentId("y"), OWNER, 0);
        store.register(x);
        store.register(y);

        var inIdOrder = x.id().compareTo(y.id()) < 0 ? List.of(x, y) : List.of(y, x);
        assertThat(store.withoutIpfsCid(10)).isEqualTo(inIdOrder);
    }

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
