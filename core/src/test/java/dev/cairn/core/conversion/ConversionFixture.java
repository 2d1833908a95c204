package dev.cairn.core.conversion;

import dev.cairn.core.blob.InMemoryBlobStore;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.InMemoryContentStore;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.encryption.StoredContent;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** A conversion service on in-memory ports and a {@link FakeTranscoder}, with a content uploaded per call. */
abstract class ConversionFixture {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(4));

    final ManualClock clock = new ManualClock(T0.toEpochMilli());
    final Random random = new Random(1);
    final RandomBytes randomBytes = random::nextBytes;
    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final ContentVault vault = new ContentVault(blobs, MasterKey.generate(randomBytes), CtrCipher.jce(), randomBytes);
    final InMemoryContentStore contents = new InMemoryContentStore();
    final InMemoryDerivativeStore derivatives = new InMemoryDerivativeStore();
    final FakeTranscoder transcoder = new FakeTranscoder();
    final List<ConversionEvent> events = new CopyOnWriteArrayList<>();
    InMemoryConversionJobs jobs = new InMemoryConversionJobs(clock, 3);
    ConversionService service = service();

    ConversionService service() {
        return new ConversionService(
                jobs,
                contents,
                derivatives,
                vault,
                blobs,
                transcoder,
                DerivationPolicy.defaults(),
                clock,
                new ConversionService.Settings(JOB_TIMEOUT, BACKOFF),
                events::add);
    }

    ContentId uploaded(ContentKind kind, String mimeType) throws IOException {
        byte[] bytes = new byte[4096];
        random.nextBytes(bytes);
        StoredContent stored = vault.store(new ByteArrayInputStream(bytes));
        contents.register(new ContentRecord(
                stored.id(),
                7,
                kind,
                mimeType,
                stored.size(),
                "a title",
                Optional.empty(),
                stored.wrappedKey(),
                clock.instant(),
                Optional.empty()));
        jobs.enqueue(stored.id(), kind);
        return stored.id();
    }

    InMemoryConversionJobs.Row job() {
        return jobs.rows().getLast();
    }

    byte[] decrypted(Derivative d) throws IOException {
        try (InputStream in = vault.open(d.blob().orElseThrow(), d.wrappedKey().orElseThrow())) {
            return in.readAllBytes();
        }
    }

    long storedBlobs() throws IOException {
        try (var ids = blobs.list()) {
            return ids.count();
        }
    }
}
