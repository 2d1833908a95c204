package dev.cairn.core.encryption;

import dev.cairn.core.blob.PendingBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A content being stored through a {@link ContentVault}: write the plaintext, then {@link #commit()}. Closing without
 * a commit throws everything away, so try-with-resources never leaves a blob behind.
 */
public final class NewContent extends OutputStream {
    private final PendingBlob blob;
    private final EncryptingSink sink;
    private final ContentKey key;
    private final MasterKey masterKey;

    NewContent(PendingBlob blob, EncryptingSink sink, ContentKey key, MasterKey masterKey) {
        this.blob = blob;
        this.sink = sink;
        this.key = key;
        this.masterKey = masterKey;
    }

    @Override
    public void write(int b) throws IOException {
        sink.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        sink.write(b, off, len);
    }

    /** Encrypts everything {@code plaintext} yields (it is not closed); returns the byte count. */
    public long transferFrom(InputStream plaintext) throws IOException {
        return sink.transferFrom(plaintext);
    }

    /** Plaintext bytes written so far. */
    public long size() {
        return sink.position();
    }

    /**
     * Finishes the ciphertext, wraps the key for its id and makes the blob durable and visible. The caller then records
     * the result (crash in between: an unreferenced blob, which a sweep of {@code BlobStore.list()} against the
     * database can remove; never a referenced blob that is missing).
     */
    public StoredContent commit() throws IOException {
        try {
            EncryptedBlob encrypted = sink.finish();
            // Wrapped before the commit: a blob whose key we failed to wrap would be unreadable forever.
            WrappedKey wrapped = masterKey.wrap(key, KeyContext.content(encrypted.id()));
            blob.commit(encrypted.id());
            return new StoredContent(encrypted.id(), encrypted.size(), wrapped);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Throws the content away unless committed. */
    public void abort() {
        close();
    }

    @Override
    public void close() {
        sink.close();
        blob.close();
    }
}
