package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.DERIVATIVES;
import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import dev.cairn.core.conversion.DerivativeStore;
import dev.cairn.core.conversion.DerivativeStoreContract;
import dev.cairn.core.id.ContentId;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The derivative store contract against real PostgreSQL. */
class PostgresDerivativeStoreTest extends DerivativeStoreContract {
    private static final long OWNER = 42;

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected DerivativeStore newStore() {
        database.dsl().truncate(USERS).cascade().execute();
        TestRows.userExists(database.dsl(), OWNER);
        return new PostgresDerivativeStore(database.dsl());
    }

    @Override
    protected void contentExists(ContentId content) {
        new PostgresContentStore(database.dsl()).register(TestRows.content(content, OWNER, 0));
    }

    @Test
    void rewritingARowKeepsOneRowAndItsCreationTime() {
        ContentId film = content("film");
        store.put(Derivative.pending(film, DerivativeKind.LOW, T0));
        store.put(Derivative.pending(film, DerivativeKind.LOW, T0.plusSeconds(5)));

        var row = database.dsl().fetchSingle(DERIVATIVES);
        assertThat(row.getCreatedAt()).isEqualTo(T0);
        assertThat(row.getUpdatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void renditionBlobsLeaveOutTheOriginalWhoseBlobIsTheContent() {
        ContentId photo = content("photo");
        ContentId preview = ContentId.ofBlob(new byte[] {1});
        store.put(ready(photo, DerivativeKind.ORIGINAL, photo));
        store.put(ready(photo, DerivativeKind.PREVIEW, preview));

        assertThat(((PostgresDerivativeStore) store).renditionBlobs()).containsExactly(preview);
    }

    private static Derivative ready(ContentId content, DerivativeKind kind, ContentId blob) {
        return new Derivative(
                content,
                kind,
                DerivativeStatus.READY,
                100,
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.of(10),
                Optional.of(blob),
                Optional.of(TestRows.wrappedKey(blob)),
                Optional.empty(),
                T0);
    }
}
