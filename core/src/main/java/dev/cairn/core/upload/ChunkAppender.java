package dev.cairn.core.upload;

import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PATCH: encrypts the chunk at the upload's offset into its spool, forces it, then moves the stored offset (in
 * that order, so the offset is never ahead of durable bytes), and finishes the upload when its last byte arrives.
 *
 * <p>What counts of a chunk: all of it, or none when it fails its checksum or does not fit (the spool is cut back,
 * the offset stays). A client that disconnects mid-chunk keeps what arrived (tus: store as much as possible), unless
 * it sent a checksum, which a part cannot be checked against.
 *
 * <p>Hashing: without a checksum the ciphertext is hashed as it is written, into the upload's {@link HashProgress}
 * kept from its previous request. With a checksum it is hashed after the chunk checked out, read back from the spool
 * (from the page cache, just written), since a hasher cannot take bytes back. Partial uploads are not hashed at all:
 * the final upload that concatenates them re-encrypts their bytes.
 */
final class ChunkAppender {
    private static final Logger log = LoggerFactory.getLogger(ChunkAppender.class);

    private final UploadConfig config;
    private final SessionAccess sessions;
    private final UploadSpool spool;
    private final UploadLocks locks;
    private final LiveHashes live;
    private final MasterKey masterKey;
    private final CtrCipher cipher;
    private final UploadFinisher finisher;

    ChunkAppender(
            UploadConfig config,
            SessionAccess sessions,
            UploadSpool spool,
            UploadLocks locks,
            LiveHashes live,
            MasterKey masterKey,
            CtrCipher cipher,
            UploadFinisher finisher) {
        this.config = config;
        this.sessions = sessions;
        this.spool = spool;
        this.locks = locks;
        this.live = live;
        this.masterKey = masterKey;
        this.cipher = cipher;
        this.finisher = finisher;
    }

    UploadSession append(long ownerId, UploadId id, Chunk chunk) {
        // Ownership first: someone else's busy upload is "not found", not "locked".
        sessions.owned(ownerId, id);
        try (UploadLocks.Lock lock = locks.acquire(id)) {
            UploadSession s = sessions.owned(ownerId, id);
            if (s.concatenation() instanceof Concatenation.Final) {
                throw new UploadException(
                        UploadFailure.NOT_PATCHABLE, "upload " + id + " is a final upload: its bytes are its parts'");
            }
            sessions.requireUnexpired(s);
            if (chunk.offset() != s.offset()) {
                throw new UploadException(
                        UploadFailure.OFFSET_MISMATCH,
                        "upload " + id + " is at offset " + s.offset() + ", not " + chunk.offset());
            }
            s = declareLength(s, chunk);
            long room = room(s);
            if (chunk.contentLength().isPresent() && chunk.contentLength().getAsLong() > room) {
                throw doesNotFit(s, room);
            }
            try {
                if (room > 0) {
                    s = write(s, chunk, room);
                } else {
                    // Full (or finished): its spool may already be a blob, so only check that nothing more was sent.
                    requireEmpty(s, chunk.body());
                }
                if (s.complete() && !s.finished() && !(s.concatenation() instanceof Concatenation.Partial)) {
                    finisher.finish(s);
                    s = sessions.reload(id);
                }
                return s;
            } catch (IOException e) {
                throw new UploadException(UploadFailure.STORAGE, "upload " + id + ": " + e, e);
            }
        }
    }

    private UploadSession declareLength(UploadSession s, Chunk chunk) {
        if (chunk.uploadLength().isEmpty()) {
            return s;
        }
        long length = chunk.uploadLength().getAsLong();
        if (s.length().isPresent()) {
            if (s.length().getAsLong() == length) {
                return s;
            }
            throw new UploadException(
                    UploadFailure.INVALID_LENGTH,
                    "upload " + s.id() + " is " + s.length().getAsLong() + " bytes long; it cannot become " + length);
        }
        config.requireWithinLimit(length, "upload length");
        if (length < s.offset() || !sessions.store().declareLength(s.id(), length)) {
            throw new UploadException(
                    UploadFailure.INVALID_LENGTH,
                    "upload " + s.id() + " already holds " + s.offset() + " bytes; its length cannot be " + length);
        }
        return sessions.reload(s.id());
    }

    /** How many more bytes the upload may take: up to its length, or to the size limit while the length is deferred. */
    private long room(UploadSession s) {
        long end = s.length().orElse(config.maxContentBytes());
        return end - s.offset();
    }

    private UploadException doesNotFit(UploadSession s, long room) {
        if (s.length().isEmpty()) {
            return config.tooLarge("upload " + s.id() + ", its length deferred, holds " + s.offset()
                    + " bytes; more than " + room + " more would pass the size limit");
        }
        return new UploadException(
                UploadFailure.EXCEEDS_LENGTH,
                "upload " + s.id() + " is " + s.length().getAsLong() + " bytes long and holds " + s.offset()
                        + "; a chunk of more than " + room + " bytes would write past its end");
    }

    private void requireEmpty(UploadSession s, InputStream body) {
        int next;
        try {
            next = body.read();
        } catch (IOException e) {
            return; // the client went away without sending anything
        }
        if (next >= 0) {
            throw doesNotFit(s, 0);
        }
    }

    private UploadSession write(UploadSession s, Chunk chunk, long room) throws IOException {
        UploadId id = s.id();
        long offset = s.offset();
        Optional<MessageDigest> checksum = chunk.checksum().map(ChunkChecksum::newDigest);
        HashProgress hash = s.concatenation() instanceof Concatenation.Partial
                ? null
                : live.take(id).filter(h -> h.hashed() <= offset).orElseGet(HashProgress::new);
        boolean hashInline = hash != null && checksum.isEmpty();
        ContentKey key = masterKey.unwrap(s.wrappedKey(), KeyContext.upload(id.value()));

        try (UploadSpool.Appender out = spool.append(id, offset)) {
            if (hashInline) {
                // After a restart or an eviction: the one re-read of the prefix this upload pays.
                hash.catchUp(spool, id, offset);
            }
            var sink = new SpoolSink(out, hashInline ? hash : null);
            OutputStream encrypting = cipher.encrypting(key, offset, sink);
            ChunkCopy copied;
            try {
                copied = ChunkCopy.copy(chunk.body(), room, checksum, encrypting);
            } catch (IOException | RuntimeException e) {
                // The spool failed: nothing of this request counts, and the hasher may hold some of it.
                sink.discard();
                closeQuietly(encrypting);
                rollbackQuietly(out, e);
                throw e;
            }
            Optional<UploadException> refusal = refusal(s, chunk, copied);
            if (refusal.isPresent() || (copied.interrupted() && checksum.isPresent())) {
                sink.discard();
                encrypting.close();
                out.rollback();
                if (!hashInline && hash != null) {
                    live.keep(id, hash); // it saw none of the discarded bytes
                }
                if (refusal.isPresent()) {
                    throw refusal.get();
                }
                log.info("Upload {}: the client went away mid-chunk; a checksummed chunk is discarded whole", id);
                return s;
            }
            encrypting.close(); // the last buffered ciphertext into the spool (and the hasher)
            if (copied.bytes() == 0) {
                if (hash != null) {
                    live.keep(id, hash);
                }
                return s;
            }
            out.force();
            long newOffset = offset + copied.bytes();
            if (!sessions.store().advance(id, offset, newOffset)) {
                out.rollback();
                throw new UploadException(
                        UploadFailure.OFFSET_MISMATCH,
                        "upload " + id + " was moved by another writer; retry from HEAD");
            }
            if (copied.interrupted()) {
                log.info(
                        "Upload {}: the client went away mid-chunk; kept the {} bytes that arrived",
                        id,
                        copied.bytes());
            }
            if (hash != null) {
                hash.catchUp(spool, id, newOffset);
                live.keep(id, hash);
            }
            return sessions.reload(id);
        }
    }

    /** Why the copied chunk cannot be taken, if it cannot. */
    private Optional<UploadException> refusal(UploadSession s, Chunk chunk, ChunkCopy copied) {
        if (copied.overflow()) {
            return Optional.of(doesNotFit(s, room(s)));
        }
        if (chunk.checksum().isPresent() && !copied.interrupted()) {
            ChunkChecksum expected = chunk.checksum().get();
            if (!expected.matches(copied.digest())) {
                return Optional.of(new UploadException(
                        UploadFailure.CHECKSUM_MISMATCH,
                        "the " + expected.algorithm() + " of this chunk of upload " + s.id()
                                + " does not match Upload-Checksum; the chunk was discarded"));
            }
        }
        return Optional.empty();
    }

    private static void rollbackQuietly(UploadSpool.Appender out, Exception failure) {
        try {
            out.rollback();
        } catch (IOException e) {
            // The next request cuts the spool back to the durable offset anyway.
            failure.addSuppressed(e);
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            // Releasing the cipher only; the request is failing with the first error.
        }
    }
}
