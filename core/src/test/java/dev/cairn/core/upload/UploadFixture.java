package dev.cairn.core.upload;

import dev.cairn.core.blob.LocalFileBlobStore;
import dev.cairn.core.content.ContentPublisher;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.InMemoryConversionQueue;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node's upload pipeline over real files in a data directory: spool in {@code uploads/}, blobs in {@code blobs/},
 * in-memory session and content stores standing in for the database. {@link #restart()} is a crash: the files and
 * the "database" stay, everything in memory goes.
 */
final class UploadFixture implements AutoCloseable {
    static final long ALICE = 1;
    static final long BOB = 2;
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final CtrCipher CIPHER = CtrCipher.preferOpenSsl();

    final Path dataDir;
    final UploadConfig config;
    final RandomBytes random;
    final MasterKey masterKey;
    final ManualClock clock = new ManualClock(T0.toEpochMilli());
    final InMemoryUploadSessionStore sessions = new InMemoryUploadSessionStore();
    final FlakyContentStore contents = new FlakyContentStore();
    final InMemoryConversionQueue conversions = new InMemoryConversionQueue();
    final FakeIpfs ipfs = new FakeIpfs();
    final List<ContentId> announced = new CopyOnWriteArrayList<>();

    LocalFileBlobStore blobs;
    UploadSpool spool;
    ContentPublisher publisher;
    UploadService service;

    /** Keys and ids come from {@code seed}: two fixtures with the same seed draw the same upload keys in turn. */
    UploadFixture(Path dataDir, long seed, UploadConfig config) throws IOException {
        this.dataDir = dataDir;
        this.config = config;
        this.random = seeded(seed);
        this.masterKey = MasterKey.generate(random);
        start();
    }

    UploadFixture(Path dataDir, long seed) throws IOException {
        this(dataDir, seed, UploadConfig.withMaxContentSizeMb(16));
    }

    static RandomBytes seeded(long seed) {
        Random random = new Random(seed);
        return into -> {
            synchronized (random) {
                random.nextBytes(into);
            }
        };
    }

    private void start() throws IOException {
        blobs = LocalFileBlobStore.open(dataDir.resolve("blobs"));
        spool = UploadSpool.open(dataDir.resolve("uploads"));
        publisher = new ContentPublisher(blobs, contents, conversions, ipfs, announced::add, Runnable::run);
        service = new UploadService(config, sessions, spool, blobs, publisher, masterKey, CIPHER, clock, random);
    }

    /** The process dies and starts again over the same directory and database. */
    void restart() throws IOException {
        close();
        start();
    }

    @Override
    public void close() throws IOException {
        spool.close();
        blobs.close();
    }

    UploadSession create(long length) {
        return service.create(ALICE, OptionalLong.of(length), Map.of("filename", "song.bin"), Concatenation.NONE);
    }

    UploadSession patch(UploadId id, long offset, byte[] bytes, int from, int to) {
        return service.patch(ALICE, id, Chunk.of(offset, new ByteArrayInputStream(bytes, from, to - from)));
    }

    /** Uploads the rest of {@code bytes}, from the stored offset, in chunks ending at each later cut and the end. */
    UploadSession upload(UploadId id, byte[] bytes, int... cuts) {
        int from = (int) service.status(ALICE, id).offset();
        for (int cut : cuts) {
            if (cut > from) {
                patch(id, from, bytes, from, cut);
                from = cut;
            }
        }
        return patch(id, from, bytes, from, bytes.length);
    }

    /** Sends {@code bytes} from the stored offset up to {@code end}, in one chunk. */
    UploadSession sendUntil(UploadId id, byte[] bytes, int end) {
        int from = (int) service.status(ALICE, id).offset();
        return patch(id, from, bytes, from, end);
    }

    ContentRecord content(UploadSession finished) {
        return contents.find(finished.contentId().orElseThrow()).orElseThrow();
    }

    /** The plaintext of a stored content, decrypted from its blob with the key the content store holds. */
    byte[] plaintext(ContentId id) throws IOException {
        var vault = new ContentVault(blobs, masterKey, CIPHER, random);
        try (InputStream in = vault.open(id, contents.find(id).orElseThrow().wrappedKey())) {
            return in.readAllBytes();
        }
    }

    Path spoolFile(UploadId id) {
        return spool.partOf(id);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
