package dev.cairn.core.upload;

import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.content.ContentPublisher;
import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.RandomBytes;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable uploads (the tus protocol's core, behind its HTTP routes): bytes are encrypted as they arrive, kept
 * durable in a spool, and a complete upload becomes stored, registered content. See {@code docs/uploads.md}.
 *
 * <p>tus request to method: {@code POST} → {@link #create}; {@code HEAD} → {@link #status}; {@code PATCH} → {@link
 * #patch}; {@code DELETE} → {@link #terminate}; the app schedules {@link #expire} (and {@link
 * ContentPublisher#retryIpfs}). Every refusal is an {@link UploadException} whose {@link UploadFailure} the HTTP
 * adapter maps to a status (the table is on {@link UploadFailure}). An upload belongs to the user who created it;
 * anyone else gets {@link UploadFailure#NOT_FOUND}.
 *
 * <p>Thread-safe. Requests on different uploads run in parallel; a request on an upload another request is busy with
 * is refused ({@link UploadFailure#LOCKED}). One process per spool directory (the spool holds a lock).
 */
public final class UploadService {
    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final UploadConfig config;
    private final SessionAccess sessions;
    private final UploadSpool spool;
    private final MasterKey masterKey;
    private final Clock clock;
    private final RandomBytes random;
    private final UploadLocks locks = new UploadLocks();
    private final LiveHashes live;
    private final UploadFinisher finisher;
    private final ChunkAppender appender;
    private final FinalAssembly assembly;
    private final ExpirySweep sweep;

    /**
     * @param config {@code MAX_CONTENT_SIZE_MB}, the expiry, how many hash states stay in memory
     * @param sessions where upload state is kept (PostgreSQL in the node)
     * @param spool where bytes in progress are kept ({@code <DATA_DIR>/uploads}); on the blob store's file system,
     *     so that a finished upload moves into it without a copy
     * @param blobs where finished uploads go
     * @param publisher registers finished contents and does the rest (conversion, IPFS, announce)
     * @param masterKey wraps each upload's content key
     * @param cipher AES-256-CTR ({@link CtrCipher#preferOpenSsl()})
     * @param clock the time of creations, expiries and contents
     * @param random upload ids and content keys
     */
    public UploadService(
            UploadConfig config,
            UploadSessionStore sessions,
            UploadSpool spool,
            BlobStore blobs,
            ContentPublisher publisher,
            MasterKey masterKey,
            CtrCipher cipher,
            Clock clock,
            RandomBytes random) {
        this.config = Objects.requireNonNull(config, "config");
        this.sessions = new SessionAccess(Objects.requireNonNull(sessions, "sessions"), clock);
        this.spool = Objects.requireNonNull(spool, "spool");
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(cipher, "cipher");
        this.live = new LiveHashes(config.liveHashLimit());
        this.finisher = new UploadFinisher(spool, sessions, live, blobs, publisher, masterKey, cipher, clock);
        this.appender = new ChunkAppender(config, this.sessions, spool, locks, live, masterKey, cipher, finisher);
        this.assembly = new FinalAssembly(
                config, this.sessions, spool, locks, live, masterKey, cipher, finisher, clock, random);
        this.sweep = new ExpirySweep(sessions, spool, locks, live, finisher, clock);
    }

    public UploadConfig config() {
        return config;
    }

    /**
     * Creates an upload ({@code POST}). A final upload ({@link Concatenation.Final}) is assembled from its partial
     * uploads at once and comes back finished; an upload of length 0 too.
     *
     * @param length {@code Upload-Length}; empty for {@code Upload-Defer-Length: 1} (and for a final upload)
     * @param metadata the decoded {@code Upload-Metadata} ({@link UploadMetadata#parse})
     * @throws UploadException {@link UploadFailure#INVALID_METADATA}, {@link UploadFailure#INVALID_LENGTH}, {@link
     *     UploadFailure#TOO_LARGE}, and for a final upload {@link UploadFailure#INVALID_CONCATENATION}, {@link
     *     UploadFailure#NOT_FOUND} (a part), {@link UploadFailure#EXPIRED} (a part), {@link UploadFailure#LOCKED} (a
     *     part is busy)
     */
    public UploadSession create(
            long ownerId, OptionalLong length, Map<String, String> metadata, Concatenation concatenation) {
        UploadMetadata.check(metadata);
        if (concatenation instanceof Concatenation.Final parts) {
            if (length.isPresent()) {
                throw new UploadException(
                        UploadFailure.INVALID_CONCATENATION,
                        "a final upload takes its length from its parts; it declares none");
            }
            return assembly.assemble(ownerId, parts, metadata);
        }
        if (length.isPresent()) {
            if (length.getAsLong() < 0) {
                throw new UploadException(
                        UploadFailure.INVALID_LENGTH, "an upload length is >= 0, got " + length.getAsLong());
            }
            config.requireWithinLimit(length.getAsLong(), "upload length");
        }
        UploadId id = UploadId.random(random);
        Instant now = clock.instant();
        var session = new UploadSession(
                id,
                ownerId,
                0,
                length,
                metadata,
                concatenation,
                masterKey.wrap(ContentKey.generate(random), KeyContext.upload(id.value())),
                now,
                now.plus(config.expiry()),
                Optional.empty());
        if (!sessions.store().create(session)) {
            throw new IllegalStateException("a random upload id was taken: " + id);
        }
        try (UploadLocks.Lock lock = locks.acquire(id)) {
            spool.create(id);
            log.info(
                    "Upload {} created for user {}: {}, {}",
                    id,
                    ownerId,
                    length.isPresent() ? length.getAsLong() + " bytes" : "length deferred",
                    concatenation);
            return finishIfComplete(session);
        } catch (IOException e) {
            throw new UploadException(UploadFailure.STORAGE, "upload " + id + ": " + e, e);
        }
    }

    /**
     * The upload as stored ({@code HEAD}): offset, length, metadata, expiry, and the content it became. A complete
     * upload that a crash or a failure kept from finishing is finished here.
     *
     * @throws UploadException {@link UploadFailure#NOT_FOUND}, {@link UploadFailure#EXPIRED}, {@link
     *     UploadFailure#STORAGE} (finishing failed; the next call retries)
     */
    public UploadSession status(long ownerId, UploadId id) {
        UploadSession s = sessions.owned(ownerId, id);
        if (needsFinishing(s)) {
            Optional<UploadLocks.Lock> lock = locks.tryAcquire(id);
            if (lock.isPresent()) {
                try (UploadLocks.Lock held = lock.get()) {
                    return finishIfComplete(sessions.owned(ownerId, id));
                } catch (IOException e) {
                    throw new UploadException(UploadFailure.STORAGE, "upload " + id + ": " + e, e);
                }
            }
        }
        sessions.requireUnexpired(s);
        return s;
    }

    /**
     * Appends a chunk ({@code PATCH}) and returns the upload as it now stands; when the chunk completes it, it comes
     * back finished, with its content id. If the client goes away mid-chunk, what arrived is kept (unless the chunk
     * carries a checksum) and returned.
     *
     * @throws UploadException {@link UploadFailure#NOT_FOUND}, {@link UploadFailure#EXPIRED}, {@link
     *     UploadFailure#LOCKED}, {@link UploadFailure#NOT_PATCHABLE}, {@link UploadFailure#OFFSET_MISMATCH}, {@link
     *     UploadFailure#INVALID_LENGTH}, {@link UploadFailure#TOO_LARGE}, {@link UploadFailure#EXCEEDS_LENGTH},
     *     {@link UploadFailure#CHECKSUM_MISMATCH}, {@link UploadFailure#STORAGE}; none of them moves the offset
     */
    public UploadSession patch(long ownerId, UploadId id, Chunk chunk) {
        return appender.append(ownerId, id, chunk);
    }

    /**
     * Deletes an upload and its spool ({@code DELETE}). The content a finished upload became stays.
     *
     * @throws UploadException {@link UploadFailure#NOT_FOUND}, {@link UploadFailure#LOCKED}
     */
    public void terminate(long ownerId, UploadId id) {
        sessions.owned(ownerId, id);
        try (UploadLocks.Lock lock = locks.acquire(id)) {
            sessions.store().delete(id);
            live.forget(id);
            spool.discard(id);
            log.info("Upload {} terminated by user {}", id, ownerId);
        } catch (IOException e) {
            // The session is gone; the sweep deletes a spool left without one.
            log.warn("Upload {} terminated but its spool was not deleted: {}", id, e.toString());
        }
    }

    /**
     * Deletes up to {@code limit} unfinished uploads past their expiry, with their spools, and spools without a
     * session; an expired upload that is complete is finished instead. For the app to schedule.
     *
     * @return how many uploads or orphaned spools were deleted
     */
    public int expire(int limit) {
        return sweep.run(limit);
    }

    private static boolean needsFinishing(UploadSession s) {
        return s.complete() && !s.finished() && !(s.concatenation() instanceof Concatenation.Partial);
    }

    private UploadSession finishIfComplete(UploadSession s) throws IOException {
        if (!needsFinishing(s)) {
            return s;
        }
        finisher.finish(s);
        return sessions.reload(s.id());
    }
}
