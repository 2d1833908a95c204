package dev.cairn.core.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link BlobStore} promises; each implementation's test extends this. */
abstract class BlobStoreContract {

    /** Where files to adopt are written: outside any store's directory. */
    @TempDir
    Path outside;

    /** A fresh, empty store. */
    abstract BlobStore store() throws IOException;

    static ContentId idOf(byte[] bytes) {
        return new ContentId(Digest256.blake3(bytes));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] readAll(ReadableByteChannel channel) throws IOException {
        try (InputStream in = Channels.newInputStream(channel)) {
            return in.readAllBytes();
        }
    }

    static ContentId put(BlobStore store, byte[] content) throws IOException {
        ContentId id = idOf(content);
        try (PendingBlob blob = store.openWriter()) {
            blob.write(ByteBuffer.wrap(content));
            blob.commit(id);
        }
        return id;
    }

    @Test
    void a_committed_blob_reads_back_whole_and_from_any_offset() throws IOException {
        BlobStore store = store();
        byte[] content = bytes("the quick brown fox");
        ContentId id = put(store, content);

        assertThat(store.exists(id)).isTrue();
        assertThat(store.size(id)).isEqualTo(content.length);
        assertThat(readAll(store.open(id, 0))).isEqualTo(content);
        assertThat(readAll(store.open(id, 4))).isEqualTo(bytes("quick brown fox"));
        assertThat(readAll(store.open(id, content.length))).isEmpty();
    }

    @Test
    void an_empty_blob_is_a_blob() throws IOException {
        BlobStore store = store();
        ContentId id = put(store, new byte[0]);

        assertThat(store.exists(id)).isTrue();
        assertThat(store.size(id)).isZero();
        assertThat(readAll(store.open(id, 0))).isEmpty();
    }

    @Test
    void a_pending_blob_counts_what_was_written_and_stays_invisible_until_committed() throws IOException {
        BlobStore store = store();
        byte[] content = bytes("not yet");
        try (PendingBlob blob = store.openWriter()) {
            blob.write(ByteBuffer.wrap(content));

            assertThat(blob.size()).isEqualTo(content.length);
            assertThat(store.exists(idOf(content))).isFalse();
            try (Stream<ContentId> all = store.list()) {
                assertThat(all).isEmpty();
            }
        }
    }

    @Test
    void an_aborted_write_leaves_nothing() throws IOException {
        BlobStore store = store();
        byte[] content = bytes("changed my mind");
        PendingBlob blob = store.openWriter();
        blob.write(ByteBuffer.wrap(content));
        blob.abort();

        assertThat(blob.isOpen()).isFalse();
        assertThat(store.exists(idOf(content))).isFalse();
        try (Stream<ContentId> all = store.list()) {
            assertThat(all).isEmpty();
        }
    }

    @Test
    void closing_a_write_without_committing_aborts_it() throws IOException {
        BlobStore store = store();
        byte[] content = bytes("forgotten");
        try (PendingBlob blob = store.openWriter()) {
            blob.write(ByteBuffer.wrap(content));
        }

        assertThat(store.exists(idOf(content))).isFalse();
    }

    @Test
    void committing_an_id_that_already_exists_keeps_the_blob_and_succeeds() throws IOException {
        BlobStore store = store();
        byte[] content = bytes("twice");
        ContentId id = put(store, content);

        assertThat(put(store, content)).isEqualTo(id);
        assertThat(readAll(store.open(id, 0))).isEqualTo(content);
        try (Stream<ContentId> all = store.list()) {
            assertThat(all).containsExactly(id);
        }
    }

    @Test
    void a_write_cannot_be_used_after_its_commit() throws IOException {
        BlobStore store = store();
        PendingBlob blob = store.openWriter();
        blob.commit(idOf(new byte[0]));

        assertThatThrownBy(() -> blob.write(ByteBuffer.wrap(bytes("late")))).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> blob.commit(idOf(new byte[0])))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already committed");
        blob.abort(); // a no-op once committed
        assertThat(store.exists(idOf(new byte[0]))).isTrue();
    }

    @Test
    void a_missing_blob_is_reported_with_its_id() throws IOException {
        BlobStore store = store();
        ContentId missing = idOf(bytes("never stored"));

        assertThat(store.exists(missing)).isFalse();
        assertThatThrownBy(() -> store.size(missing))
                .isInstanceOf(NoSuchBlobException.class)
                .hasMessageContaining(missing.hex());
        assertThatThrownBy(() -> store.open(missing, 0))
                .isInstanceOfSatisfying(
                        NoSuchBlobException.class, e -> assertThat(e.id()).isEqualTo(missing));
    }

    @Test
    void opening_past_the_end_or_before_the_start_is_rejected_naming_the_offset_and_size() throws IOException {
        BlobStore store = store();
        ContentId id = put(store, bytes("12345"));

        assertThatThrownBy(() -> store.open(id, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 6")
                .hasMessageContaining("size 5");
        assertThatThrownBy(() -> store.open(id, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset -1");
    }

    @Test
    void delete_removes_a_blob_and_says_whether_there_was_one() throws IOException {
        BlobStore store = store();
        ContentId id = put(store, bytes("short-lived"));

        assertThat(store.delete(id)).isTrue();
        assertThat(store.exists(id)).isFalse();
        assertThat(store.delete(id)).isFalse();
    }

    @Test
    void list_returns_every_committed_blob() throws IOException {
        BlobStore store = store();
        ContentId a = put(store, bytes("a"));
        ContentId b = put(store, bytes("b"));
        ContentId c = put(store, bytes("c"));
        store.delete(b);

        try (Stream<ContentId> all = store.list()) {
            assertThat(all).containsExactlyInAnyOrder(a, c);
        }
    }

    @Test
    void a_large_blob_written_in_many_pieces_reads_back_intact() throws IOException {
        BlobStore store = store();
        byte[] content = new byte[3 * 1024 * 1024 + 7];
        new java.util.Random(42).nextBytes(content);
        ContentId id = idOf(content);
        try (PendingBlob blob = store.openWriter()) {
            for (int off = 0; off < content.length; off += 10_000) {
                blob.write(ByteBuffer.wrap(content, off, Math.min(10_000, content.length - off)));
            }
            blob.commit(id);
        }

        assertThat(readAll(store.open(id, 0))).isEqualTo(content);
    }

    @Test
    void an_adopted_file_becomes_the_blob_and_is_gone_from_where_it_was() throws IOException {
        BlobStore store = store();
        byte[] content = bytes("a finished upload spool");
        Path file = Files.write(outside.resolve("upload.part"), content);
        ContentId id = idOf(content);

        store.adopt(file, id);

        assertThat(file).doesNotExist();
        assertThat(readAll(store.open(id, 0))).isEqualTo(content);
        try (Stream<ContentId> all = store.list()) {
            assertThat(all).containsExactly(id);
        }
    }

    @Test
    void adopting_a_file_under_an_existing_id_keeps_the_blob_and_deletes_the_file() throws IOException {
        BlobStore store = store();
        byte[] content = bytes("stored once");
        ContentId id = put(store, content);
        Path file = Files.write(outside.resolve("again.part"), content);

        store.adopt(file, id);

        assertThat(file).doesNotExist();
        assertThat(readAll(store.open(id, 0))).isEqualTo(content);
    }

    @Test
    void adopting_a_missing_file_fails_and_leaves_no_blob() throws IOException {
        BlobStore store = store();
        ContentId id = idOf(bytes("nothing"));

        assertThatThrownBy(() -> store.adopt(outside.resolve("missing.part"), id))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(store.exists(id)).isFalse();
    }
}
