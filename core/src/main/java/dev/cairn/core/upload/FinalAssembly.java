package dev.cairn.core.upload;

import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.RandomBytes;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A final upload (tus concatenation): one content whose plaintext is its partial uploads' plaintexts in order.
 *
 * <p>Each partial is ciphertext under its own key, and CTR ties every byte to its position in its own content, so
 * the parts' ciphertexts cannot simply be joined: each part is decrypted and its plaintext encrypted under the final
 * upload's key at its place in the whole, and hashed on the way. That costs one read, decryption, encryption and hash
 * of every byte, about as much as a one-shot upload of the whole from the local disk, and the final content's space
 * on disk until the partials expire. The assembly is written to the final upload's spool before its session exists;
 * a crash meanwhile leaves a spool without a session, which the sweep removes, and the client's retried creation
 * starts afresh.
 */
final class FinalAssembly {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final UploadConfig config;
    private final SessionAccess sessions;
    private final UploadSpool spool;
    private final UploadLocks locks;
    private final LiveHashes live;
    private final MasterKey masterKey;
    private final CtrCipher cipher;
    private final UploadFinisher finisher;
    private final Clock clock;
    private final RandomBytes random;

    FinalAssembly(
            UploadConfig config,
            SessionAccess sessions,
            UploadSpool spool,
            UploadLocks locks,
            LiveHashes live,
            MasterKey masterKey,
            CtrCipher cipher,
            UploadFinisher finisher,
            Clock clock,
            RandomBytes random) {
        this.config = config;
        this.sessions = sessions;
        this.spool = spool;
        this.locks = locks;
        this.live = live;
        this.masterKey = masterKey;
        this.cipher = cipher;
        this.finisher = finisher;
        this.clock = clock;
        this.random = random;
    }

    UploadSession assemble(long ownerId, Concatenation.Final concatenation, Map<String, String> metadata) {
        List<UploadSession> parts = new ArrayList<>();
        long total = 0;
        for (UploadId partId : concatenation.parts()) {
            UploadSession part = sessions.owned(ownerId, partId);
            sessions.requireUnexpired(part);
            if (!(part.concatenation() instanceof Concatenation.Partial)) {
                throw invalid("upload " + partId + " is not a partial upload (Upload-Concat: partial)");
            }
            if (!part.complete()) {
                throw invalid("partial upload " + partId + " holds " + part.offset() + " of "
                        + (part.length().isPresent() ? part.length().getAsLong() + " bytes" : "a deferred length")
                        + "; only complete partial uploads can be concatenated");
            }
            total = Math.addExact(total, part.offset());
            parts.add(part);
        }
        config.requireWithinLimit(total, "the concatenation of " + parts.size() + " partial uploads");

        UploadId id = UploadId.random(random);
        List<UploadLocks.Lock> held = new ArrayList<>();
        try {
            held.add(locks.acquire(id));
            // Locked so no request deletes or expires a part while it is read; a part may be named twice.
            for (UploadId partId : new LinkedHashSet<>(concatenation.parts())) {
                held.add(locks.acquire(partId));
            }
            ContentKey key = ContentKey.generate(random);
            HashProgress hash = write(id, key, parts);
            Instant now = clock.instant();
            var session = new UploadSession(
                    id,
                    ownerId,
                    total,
                    OptionalLong.of(total),
                    metadata,
                    concatenation,
                    masterKey.wrap(key, KeyContext.upload(id.value())),
                    now,
                    now.plus(config.expiry()),
                    Optional.empty());
            if (!sessions.store().create(session)) {
                throw new IllegalStateException("a random upload id was taken: " + id);
            }
            live.keep(id, hash);
            finisher.finish(session);
            return sessions.reload(id);
        } catch (IOException e) {
            throw new UploadException(UploadFailure.STORAGE, "final upload " + id + ": " + e, e);
        } finally {
            held.forEach(UploadLocks.Lock::close);
        }
    }

    /** Re-encrypts the parts' plaintexts, in order, into the final upload's spool, and forces it. */
    private HashProgress write(UploadId id, ContentKey key, List<UploadSession> parts) throws IOException {
        var hash = new HashProgress();
        try (UploadSpool.Appender out = spool.append(id, 0)) {
            try (OutputStream encrypting = cipher.encrypting(key, 0, new SpoolSink(out, hash))) {
                for (UploadSession part : parts) {
                    copyPlaintext(part, encrypting);
                }
            }
            out.force();
        } catch (IOException | RuntimeException e) {
            try {
                spool.discard(id);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup); // no session refers to it: the sweep removes it
            }
            throw e;
        }
        return hash;
    }

    /** Decrypts exactly the durable bytes of {@code part} into {@code out}. */
    private void copyPlaintext(UploadSession part, OutputStream out) throws IOException {
        ContentKey key =
                masterKey.unwrap(part.wrappedKey(), KeyContext.upload(part.id().value()));
        byte[] buffer = new byte[BUFFER_SIZE];
        long remaining = part.offset();
        try (ReadableByteChannel ciphertext = spool.read(part.id(), 0);
                InputStream plaintext = cipher.decrypting(key, 0, ciphertext)) {
            while (remaining > 0) {
                int n = plaintext.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new EOFException("the spool of partial upload " + part.id() + " ends " + remaining
                            + " bytes before its durable offset " + part.offset());
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
        }
    }

    private static UploadException invalid(String message) {
        return new UploadException(UploadFailure.INVALID_CONCATENATION, message);
    }
}
