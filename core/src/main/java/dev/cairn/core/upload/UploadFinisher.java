package dev.cairn.core.upload;

import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.content.ContentProbe;
import dev.cairn.core.content.ContentPublisher;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ProbedType;
import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a complete upload into content: its ContentId, its spool moved into the blob store, its key re-wrapped for
 * the content, its kind probed, then published and the session marked finished.
 *
 * <p>Each step can be repeated after a crash at any point, so the same call finishes what a crashed one began: the
 * ContentId is recorded next to the spool before the spool moves (afterwards it could not be computed again), a
 * blob adopted twice is kept once, a content registered twice stays registered, and the session is marked finished
 * last. Until then the upload is complete but unfinished, and its next HEAD, PATCH or the expiry sweep finishes it.
 * The caller holds the upload's lock.
 */
final class UploadFinisher {
    private static final Logger log = LoggerFactory.getLogger(UploadFinisher.class);

    private final UploadSpool spool;
    private final UploadSessionStore sessions;
    private final LiveHashes live;
    private final BlobStore blobs;
    private final ContentPublisher publisher;
    private final MasterKey masterKey;
    private final CtrCipher cipher;
    private final Clock clock;

    UploadFinisher(
            UploadSpool spool,
            UploadSessionStore sessions,
            LiveHashes live,
            BlobStore blobs,
            ContentPublisher publisher,
            MasterKey masterKey,
            CtrCipher cipher,
            Clock clock) {
        this.spool = spool;
        this.sessions = sessions;
        this.live = live;
        this.blobs = blobs;
        this.publisher = publisher;
        this.masterKey = masterKey;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Finishes the complete, unfinished, non-partial upload {@code s}. */
    ContentId finish(UploadSession s) throws IOException {
        UploadId id = s.id();
        long length = s.length().orElseThrow();
        ContentId content = contentId(s);
        if (spool.exists(id)) {
            blobs.adopt(spool.partOf(id), content);
        }
        ContentKey key = masterKey.unwrap(s.wrappedKey(), KeyContext.upload(id.value()));
        ProbedType type = ContentProbe.probe(head(content, key, length), UploadMetadata.declaredType(s.metadata()));
        publisher.publish(new ContentRecord(
                content,
                s.ownerId(),
                type.kind(),
                type.mimeType(),
                length,
                UploadMetadata.title(s.metadata()),
                UploadMetadata.fileName(s.metadata()),
                masterKey.wrap(key, KeyContext.content(content)),
                clock.instant(),
                Optional.empty()));
        sessions.finish(id, content);
        spool.forgetContentId(id);
        log.info("Upload {} finished as content {} ({}, {} bytes)", id, content, type.mimeType(), length);
        return content;
    }

    /** The recorded ContentId, or the hash of the spool, recorded before the spool is moved. */
    private ContentId contentId(UploadSession s) throws IOException {
        UploadId id = s.id();
        Optional<ContentId> recorded = spool.recordedContentId(id);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        long length = s.length().orElseThrow();
        if (!spool.exists(id) || spool.size(id) != length) {
            throw new IOException("the spool of complete upload " + id + " is missing or not " + length
                    + " bytes long, and no ContentId was recorded for it");
        }
        HashProgress hash = live.take(id).filter(h -> h.hashed() <= length).orElseGet(HashProgress::new);
        hash.catchUp(spool, id, length);
        ContentId content = hash.contentId();
        spool.recordContentId(id, content);
        return content;
    }

    /** The first plaintext bytes, decrypted from the blob: all the probe needs. */
    private byte[] head(ContentId content, ContentKey key, long length) throws IOException {
        try (InputStream plaintext = cipher.decrypting(key, 0, blobs.open(content, 0))) {
            return plaintext.readNBytes((int) Math.min(ContentProbe.HEAD_LENGTH, length));
        }
    }
}
