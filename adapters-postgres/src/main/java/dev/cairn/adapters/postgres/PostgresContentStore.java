package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.CONTENTS;

import dev.cairn.adapters.postgres.schema.tables.records.ContentsRecord;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.encryption.WrappedKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Contents in the {@code contents} table. A registered content is {@code active}; its wrapped key's version and master
 * key id are copied into their own columns for inspection. Registering an id twice is {@code ON CONFLICT DO NOTHING},
 * so concurrent uploads of the same bytes register it once. Times are kept to the microsecond.
 */
public final class PostgresContentStore implements ContentStore {
    private static final String ACTIVE = "active";
    /** A tombstone whose blob may be gone: never offered to the IPFS retry. */
    private static final String DELETED = "deleted";

    private final DSLContext dsl;

    public PostgresContentStore(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public boolean register(ContentRecord content) {
        Objects.requireNonNull(content, "content");
        byte[] wrappedKey = content.wrappedKey().toBytes();
        return dsl.insertInto(CONTENTS)
                        .set(CONTENTS.CONTENT_ID, content.id().hex())
                        .set(CONTENTS.OWNER_ID, content.ownerId())
                        .set(CONTENTS.KIND, content.kind().wire())
                        .set(CONTENTS.MIME_TYPE, content.mimeType())
                        .set(CONTENTS.SIZE_BYTES, content.size())
                        .set(CONTENTS.TITLE, content.title())
                        .set(CONTENTS.FILE_NAME, content.fileName().orElse(null))
                        .set(CONTENTS.WRAPPED_KEY, wrappedKey)
                        // The header of the wrapped key: version byte, then the 4-byte master key id.
                        .set(CONTENTS.KEY_VERSION, (short) (wrappedKey[0] & 0xff))
                        .set(CONTENTS.MASTER_KEY_ID, Arrays.copyOfRange(wrappedKey, 1, 5))
                        .set(CONTENTS.STATUS, ACTIVE)
                        .set(CONTENTS.CREATED_AT, content.createdAt())
                        .set(
                                CONTENTS.IPFS_CID,
                                content.ipfsCid().map(Cid::value).orElse(null))
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    @Override
    public Optional<ContentRecord> find(ContentId id) {
        return dsl.selectFrom(CONTENTS)
                .where(CONTENTS.CONTENT_ID.eq(id.hex()))
                .fetchOptional(PostgresContentStore::toRecord);
    }

    @Override
    public boolean setIpfsCid(ContentId id, Cid cid) {
        Objects.requireNonNull(cid, "cid");
        return dsl.update(CONTENTS)
                        .set(CONTENTS.IPFS_CID, cid.value())
                        .where(CONTENTS.CONTENT_ID.eq(id.hex()))
                        .execute()
                == 1;
    }

    @Override
    public List<ContentRecord> withoutIpfsCid(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        // The predicate is contents_without_cid_idx's, and so is the order: an index scan that stops at the limit.
        return dsl.selectFrom(CONTENTS)
                .where(CONTENTS.IPFS_CID.isNull())
                .and(CONTENTS.STATUS.ne(DELETED))
                .orderBy(CONTENTS.CREATED_AT, CONTENTS.CONTENT_ID)
                .limit(limit)
                .fetch(PostgresContentStore::toRecord);
    }

    @Override
    public List<ContentRecord> ownedBy(long ownerId, Optional<Instant> before, int limit) {
        Objects.requireNonNull(before, "before");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        // contents_owner_idx (owner_id, created_at) read backwards: an index scan that stops at the limit.
        return dsl.selectFrom(CONTENTS)
                .where(CONTENTS.OWNER_ID.eq(ownerId))
                .and(before.map(CONTENTS.CREATED_AT::lt).orElse(DSL.noCondition()))
                .orderBy(CONTENTS.CREATED_AT.desc(), CONTENTS.CONTENT_ID.desc())
                .limit(limit)
                .fetch(PostgresContentStore::toRecord);
    }

    private static ContentRecord toRecord(ContentsRecord row) {
        return new ContentRecord(
                ContentId.fromHex(row.getContentId()),
                row.getOwnerId(),
                ContentKind.valueOf(row.getKind().toUpperCase(Locale.ROOT)),
                row.getMimeType(),
                row.getSizeBytes(),
                row.getTitle(),
                Optional.ofNullable(row.getFileName()),
                WrappedKey.fromBytes(row.getWrappedKey()),
                row.getCreatedAt(),
                Optional.ofNullable(row.getIpfsCid()).map(Cid::new));
    }
}
