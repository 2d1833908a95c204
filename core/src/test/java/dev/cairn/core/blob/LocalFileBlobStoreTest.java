package dev.cairn.core.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path dir;

    private final List<LocalFileBlobStore> opened = new ArrayList<>();

    @Override
    BlobStore store() throws IOException {
        return open(dir.resolve("store-" + opened.size()));
    }

    private LocalFileBlobStore open(Path where) throws IOException {
        LocalFileBlobStore store = LocalFileBlobStore.open(where);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() throws IOException {
        for (LocalFileBlobStore store : opened) {
            store.close();
        }
    }

    static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(".lock"))
                    .toList();
        }
    }

    @Test
    void a_blob_lives_under_its_hex_id_in_a_directory_named_by_its_first_byte() throws IOException {
        LocalFileBlobStore store = open(dir);
        byte[] content = bytes("fan-out");
        ContentId id = put(store, content);

        Path expected = dir.resolve(id.hex().substring(0, 2)).resolve(id.hex());
        assertThat(expected).isRegularFile().hasBinaryContent(content);
        assertThat(filesUnder(dir)).containsExactly(expected);
    }

    @Test
    void a_write_in_progress_exists_only_as_a_temporary_file() throws IOException {
        LocalFileBlobStore store = open(dir);
        try (PendingBlob blob = store.openWriter()) {
            blob.write(ByteBuffer.wrap(bytes("in progress")));

            assertThat(filesUnder(dir)).singleElement().satisfies(p -> {
                assertThat(p.getParent()).isEqualTo(dir.resolve("tmp"));
                assertThat(p.getFileName().toString()).endsWith(".tmp");
            });
        }
        assertThat(filesUnder(dir)).isEmpty();
    }

    @Test
    void an_exception_in_the_middle_of_a_write_leaves_no_blob_and_no_temporary_file() throws IOException {
        LocalFileBlobStore store = open(dir);
        byte[] content = bytes("half of it");

        assertThatThrownBy(() -> {
                    try (PendingBlob blob = store.openWriter();
                            OutputStream out = Channels.newOutputStream(blob)) {
                        out.write(content, 0, 5);
                        throw new UncheckedIOException(new IOException("the client went away"));
                    }
                })
                .hasMessageContaining("went away");

        assertThat(store.exists(idOf(content))).isFalse();
        assertThat(filesUnder(dir)).isEmpty();
    }

    @Test
    void a_write_never_committed_is_swept_when_the_store_is_opened_again() throws IOException {
        LocalFileBlobStore first = LocalFileBlobStore.open(dir);
        PendingBlob abandoned = first.openWriter();
        abandoned.write(ByteBuffer.wrap(bytes("the process died here")));
        first.close(); // like a crash: no commit, no abort
        assertThat(filesUnder(dir.resolve("tmp"))).hasSize(1);

        LocalFileBlobStore second = open(dir);

        assertThat(filesUnder(dir)).isEmpty();
        try (Stream<ContentId> all = second.list()) {
            assertThat(all).isEmpty();
        }
    }

    @Test
    void a_directory_is_refused_while_another_store_has_it_open() throws IOException {
        open(dir);

        assertThatThrownBy(() -> LocalFileBlobStore.open(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("already in use");
    }

    @Test
    void committed_blobs_survive_reopening_the_store() throws IOException {
        LocalFileBlobStore first = LocalFileBlobStore.open(dir);
        ContentId id = put(first, bytes("durable"));
        first.close();

        LocalFileBlobStore second = open(dir);

        assertThat(readAll(second.open(id, 0))).isEqualTo(bytes("durable"));
    }

    @Test
    void files_that_are_not_blobs_are_not_listed() throws IOException {
        LocalFileBlobStore store = open(dir);
        ContentId id = put(store, bytes("real"));
        Files.writeString(dir.resolve(id.hex().substring(0, 2)).resolve("notes.txt"), "stray");
        Files.createDirectories(dir.resolve("zz"));

        try (Stream<ContentId> all = store.list()) {
            assertThat(all).containsExactly(id);
        }
    }

    @Test
    void adopting_a_file_on_the_same_file_system_renames_it_instead_of_copying() throws IOException {
        LocalFileBlobStore store = open(dir.resolve("blobs"));
        Path spool = Files.createDirectories(dir.resolve("uploads"));
        byte[] content = bytes("moved, not copied");
        Path file = Files.write(spool.resolve("upload.part"), content);
        Object inode = Files.getAttribute(file, "unix:ino");
        ContentId id = idOf(content);

        store.adopt(file, id);

        Path blob = store.pathOf(id);
        assertThat(Files.getAttribute(blob, "unix:ino")).as("the same inode").isEqualTo(inode);
        assertThat(blob).hasBinaryContent(content);
        assertThat(file).doesNotExist();
        assertThat(filesUnder(dir.resolve("blobs").resolve("tmp"))).isEmpty();
    }
}
