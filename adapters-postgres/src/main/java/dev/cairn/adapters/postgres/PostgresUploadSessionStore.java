package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.UPLOAD_SESSIONS;
import static dev.cairn.adapters.postgres.schema.Tables.UPLOAD_SESSION_PARTS;
import static org.jooq.impl.DSL.arrayAgg;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.encryption.WrappedKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import dev.cairn.core.upload.Concatenation;
import dev.cairn.core.upload.UploadId;
import dev.cairn.core.upload.UploadSession;
import dev.cairn.core.upload.UploadSessionStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;

/**
 * Upload sessions in {@code upload_sessions}, the parts of a final upload in {@code upload_session_parts}.
 *
 * <p>Every change is one {@code UPDATE} whose {@code WHERE} is the compare-and-set: {@code advance} matches the
 * expected offset, {@code declareLength} a NULL length, {@code finish} a complete unfinished row. Two requests racing
 * on one upload, on any connections or nodes sharing the database, cannot both succeed. Reads fetch a session with its
 * parts in one statement. Times are kept to the microsecond.
 *
 * <p>A partial upload that a final one concatenates cannot be deleted while the final one exists (a foreign key);
 * {@link #delete} then throws.
 */
public final class PostgresUploadSessionStore implements UploadSessionStore {
    /** tus sends metadata in one header, which servers cap far below this. */
    private static final JsonParser.Limits METADATA_LIMITS = new JsonParser.Limits(1 << 20, 2);

    /** The parts of the session of the row, in order; NULL (array_agg of no rows) unless the session is final. */
    private static final Field<String[]> PARTS = field(
                    select(arrayAgg(UPLOAD_SESSION_PARTS.PARTIAL_UPLOAD_ID).orderBy(UPLOAD_SESSION_PARTS.POSITION))
                            .from(UPLOAD_SESSION_PARTS)
                            .where(UPLOAD_SESSION_PARTS.FINAL_UPLOAD_ID.eq(UPLOAD_SESSIONS.ID)))
            .as("parts");

    private final DSLContext dsl;
    private final Clock clock;

    public PostgresUploadSessionStore(DSLContext dsl, Clock clock) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean create(UploadSession session) {
        Objects.requireNonNull(session, "session");
        JSONB metadata = JSONB.valueOf(metadataJson(session));
        // The session and its parts appear together or not at all.
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            boolean created = tx.insertInto(UPLOAD_SESSIONS)
                            .set(UPLOAD_SESSIONS.ID, session.id().value())
                            .set(UPLOAD_SESSIONS.OWNER_ID, session.ownerId())
                            .set(UPLOAD_SESSIONS.UPLOAD_OFFSET, session.offset())
                            .set(UPLOAD_SESSIONS.UPLOAD_LENGTH, boxed(session.length()))
                            .set(UPLOAD_SESSIONS.METADATA, metadata)
                            .set(UPLOAD_SESSIONS.CONCATENATION, concatenationName(session.concatenation()))
                            .set(
                                    UPLOAD_SESSIONS.WRAPPED_KEY,
                                    session.wrappedKey().toBytes())
                            .set(
                                    UPLOAD_SESSIONS.CONTENT_ID,
                                    session.contentId().map(ContentId::hex).orElse(null))
                            .set(UPLOAD_SESSIONS.CREATED_AT, session.createdAt())
                            .set(UPLOAD_SESSIONS.UPDATED_AT, clock.instant())
                            .set(UPLOAD_SESSIONS.EXPIRES_AT, session.expiresAt())
                            .onConflictDoNothing()
                            .execute()
                    == 1;
            if (created && session.concatenation() instanceof Concatenation.Final(List<UploadId> parts)) {
                var insert = tx.insertInto(
                        UPLOAD_SESSION_PARTS,
                        UPLOAD_SESSION_PARTS.FINAL_UPLOAD_ID,
                        UPLOAD_SESSION_PARTS.POSITION,
                        UPLOAD_SESSION_PARTS.PARTIAL_UPLOAD_ID);
                for (int i = 0; i < parts.size(); i++) {
                    insert = insert.values(session.id().value(), i, parts.get(i).value());
                }
                insert.execute();
            }
            return created;
        });
    }

    @Override
    public Optional<UploadSession> find(UploadId id) {
        return dsl.select(UPLOAD_SESSIONS.fields())
                .select(PARTS)
                .from(UPLOAD_SESSIONS)
                .where(UPLOAD_SESSIONS.ID.eq(id.value()))
                .fetchOptional(PostgresUploadSessionStore::toSession);
    }

    @Override
    public boolean advance(UploadId id, long expected, long newOffset) {
        if (newOffset < expected) {
            return false;
        }
        return update(
                UPLOAD_SESSIONS.UPLOAD_OFFSET,
                newOffset,
                UPLOAD_SESSIONS
                        .ID
                        .eq(id.value())
                        .and(UPLOAD_SESSIONS.UPLOAD_OFFSET.eq(expected))
                        .and(UPLOAD_SESSIONS.CONTENT_ID.isNull())
                        .and(UPLOAD_SESSIONS.UPLOAD_LENGTH.isNull().or(UPLOAD_SESSIONS.UPLOAD_LENGTH.ge(newOffset))));
    }

    @Override
    public boolean declareLength(UploadId id, long length) {
        return update(
                UPLOAD_SESSIONS.UPLOAD_LENGTH,
                length,
                UPLOAD_SESSIONS
                        .ID
                        .eq(id.value())
                        .and(UPLOAD_SESSIONS.UPLOAD_LENGTH.isNull())
                        .and(UPLOAD_SESSIONS.UPLOAD_OFFSET.le(length)));
    }

    @Override
    public boolean finish(UploadId id, ContentId content) {
        return update(
                UPLOAD_SESSIONS.CONTENT_ID,
                content.hex(),
                UPLOAD_SESSIONS
                        .ID
                        .eq(id.value())
                        .and(UPLOAD_SESSIONS.CONTENT_ID.isNull())
                        .and(UPLOAD_SESSIONS.UPLOAD_OFFSET.eq(UPLOAD_SESSIONS.UPLOAD_LENGTH)));
    }

    /** Sets one column where {@code compare} holds; true if a row changed. */
    private <T> boolean update(Field<T> column, T value, Condition compare) {
        return dsl.update(UPLOAD_SESSIONS)
                        .set(column, value)
                        .set(UPLOAD_SESSIONS.UPDATED_AT, clock.instant())
                        .where(compare)
                        .execute()
                == 1;
    }

    @Override
    public boolean delete(UploadId id) {
        return dsl.deleteFrom(UPLOAD_SESSIONS)
                        .where(UPLOAD_SESSIONS.ID.eq(id.value()))
                        .execute()
                == 1;
    }

    @Override
    public List<UploadSession> expired(Instant now, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        // The predicate is upload_sessions_expiry_idx's, so the sweep scans that index, earliest first.
        return dsl.select(UPLOAD_SESSIONS.fields())
                .select(PARTS)
                .from(UPLOAD_SESSIONS)
                .where(UPLOAD_SESSIONS.CONTENT_ID.isNull())
                .and(UPLOAD_SESSIONS.EXPIRES_AT.lt(now))
                .orderBy(UPLOAD_SESSIONS.EXPIRES_AT, UPLOAD_SESSIONS.ID)
                .limit(limit)
                .fetch(PostgresUploadSessionStore::toSession);
    }

    private static UploadSession toSession(Record row) {
        var s = row.into(UPLOAD_SESSIONS);
        var id = new UploadId(s.getId());
        byte[] wrappedKey = s.getWrappedKey();
        if (wrappedKey == null) {
            throw new IllegalStateException("upload session " + id + " has no wrapped key");
        }
        return new UploadSession(
                id,
                s.getOwnerId(),
                s.getUploadOffset(),
                s.getUploadLength() == null ? OptionalLong.empty() : OptionalLong.of(s.getUploadLength()),
                metadata(id, s.getMetadata()),
                concatenation(id, s.getConcatenation(), row.get(PARTS)),
                WrappedKey.fromBytes(wrappedKey),
                s.getCreatedAt(),
                s.getExpiresAt(),
                Optional.ofNullable(s.getContentId()).map(ContentId::fromHex));
    }

    /** The metadata as a JSON object of strings. */
    private static String metadataJson(UploadSession session) {
        var object = JsonObject.builder();
        session.metadata().forEach((key, value) -> {
            // jsonb cannot hold U+0000; say which pair instead of letting PostgreSQL refuse the whole insert.
            if (key.indexOf(0) >= 0 || value.indexOf(0) >= 0) {
                throw new IllegalArgumentException(
                        "upload " + session.id() + ": metadata pair " + key.replace('\0', '?') + " holds U+0000");
            }
            object.put(key, value);
        });
        return CanonicalJson.encodeToString(object.build());
    }

    private static Map<String, String> metadata(UploadId id, JSONB json) {
        if (!(JsonParser.parse(json.data().getBytes(StandardCharsets.UTF_8), METADATA_LIMITS)
                instanceof JsonObject object)) {
            throw new IllegalStateException("upload session " + id + " has metadata that is not an object: " + json);
        }
        var pairs = new LinkedHashMap<String, String>();
        object.members().forEach((key, value) -> {
            if (!(value instanceof JsonString(String text))) {
                throw new IllegalStateException(
                        "upload session " + id + " has a metadata value that is not a string: " + key);
            }
            pairs.put(key, text);
        });
        return pairs;
    }

    private static String concatenationName(Concatenation concatenation) {
        return switch (concatenation) {
            case Concatenation.None none -> "none";
            case Concatenation.Partial partial -> "partial";
            case Concatenation.Final fin -> "final";
        };
    }

    private static Concatenation concatenation(UploadId id, String name, String[] parts) {
        return switch (name) {
            case "none" -> Concatenation.NONE;
            case "partial" -> Concatenation.PARTIAL;
            case "final" -> {
                if (parts == null) {
                    throw new IllegalStateException("final upload " + id + " has no parts");
                }
                yield new Concatenation.Final(
                        Arrays.stream(parts).map(UploadId::new).toList());
            }
            default -> throw new IllegalStateException("upload session " + id + " has concatenation " + name);
        };
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
