package dev.cairn.adapters.postgres;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.encryption.WrappedKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.user.TelegramProfile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.jooq.DSLContext;

/** Rows the tests' foreign keys need (a user, a content) and the values to fill them with. */
final class TestRows {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    /** One master key for every test content, so the master key id column is predictable. */
    static final MasterKey MASTER = MasterKey.generate(new Random(7)::nextBytes);

    private TestRows() {}

    static void userExists(DSLContext dsl, long telegramId) {
        new PostgresUserStore(dsl)
                .upsert(
                        new TelegramProfile(
                                telegramId, "Test", Optional.empty(), Optional.empty(), Optional.empty(), false),
                        T0);
    }

    static ContentId contentId(String name) {
        return ContentId.ofBlob(name.getBytes(StandardCharsets.UTF_8));
    }

    /** A video of {@code owner}, without a CID, created {@code secondsAfterT0} after {@link #T0}. */
    static ContentRecord content(ContentId id, long owner, long secondsAfterT0) {
        return new ContentRecord(
                id,
                owner,
                ContentKind.VIDEO,
                "video/mp4",
                1_234_567,
                "Ünïcode title " + id.hex().substring(0, 6),
                Optional.of("clip.mp4"),
                wrappedKey(id),
                T0.plusSeconds(secondsAfterT0),
                Optional.empty());
    }

    static WrappedKey wrappedKey(ContentId id) {
        var random = new Random(id.hashCode());
        return MASTER.wrap(ContentKey.generate(random::nextBytes), KeyContext.content(id));
    }
}
