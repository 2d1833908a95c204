package dev.cairn.core.conversion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link Transcoder} that makes no media: a probe finds what it is told, a rendition is a few bytes naming its kind,
 * and failures are scripted per kind. Counts what it was asked to make.
 */
final class FakeTranscoder implements Transcoder {
    static final SourceMedia SONG = new SourceMedia(
            "mp3",
            Optional.of(Duration.ofMinutes(3)),
            Optional.of(new AudioTrack("mp3float", OptionalLong.of(320_000), 44_100, 2)),
            Optional.empty(),
            Optional.empty());

    private SourceMedia media = SONG;
    private ConversionException probeFailure;
    private final Map<DerivativeKind, Deque<ConversionException>> failures = new EnumMap<>(DerivativeKind.class);
    private final Map<DerivativeKind, Integer> made = new EnumMap<>(DerivativeKind.class);
    private DerivativeKind blockOn;
    final CountDownLatch blocked = new CountDownLatch(1);
    private Runnable duringTranscode = () -> {};
    private DerivativeKind outOfMemory;

    synchronized FakeTranscoder probing(SourceMedia found) {
        this.media = found;
        return this;
    }

    synchronized FakeTranscoder probeFails(ConversionFailure reason, String message) {
        this.probeFailure = new ConversionException(reason, message);
        return this;
    }

    /** The next {@code times} attempts at {@code kind} fail with {@code reason}. */
    synchronized FakeTranscoder failing(DerivativeKind kind, ConversionFailure reason, int times) {
        for (int i = 0; i < times; i++) {
            failures.computeIfAbsent(kind, k -> new ArrayDeque<>())
                    .add(new ConversionException(reason, "scripted " + reason.code() + " of the " + kind.wire()));
        }
        return this;
    }

    /** Making {@code kind} waits until the call is cancelled. */
    synchronized FakeTranscoder blockingOn(DerivativeKind kind) {
        this.blockOn = kind;
        return this;
    }

    /** Every call to make {@code kind} runs out of native memory, as JavaCPP reports it. */
    synchronized FakeTranscoder outOfMemoryOn(DerivativeKind kind) {
        this.outOfMemory = kind;
        return this;
    }

    synchronized FakeTranscoder during(Runnable action) {
        this.duringTranscode = action;
        return this;
    }

    synchronized int made(DerivativeKind kind) {
        return made.getOrDefault(kind, 0);
    }

    static byte[] output(DerivativeKind kind) {
        return ("rendition " + kind.wire()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized SourceMedia probe(MediaSource source, Cancellation cancellation) throws ConversionException {
        if (probeFailure != null) {
            throw probeFailure;
        }
        return media;
    }

    @Override
    public TranscodeReport transcode(
            MediaSource source,
            Rendition rendition,
            OutputStream out,
            ProgressListener progress,
            Cancellation cancellation)
            throws ConversionException {
        DerivativeKind kind = rendition.kind();
        Runnable during;
        boolean block;
        synchronized (this) {
            during = duringTranscode;
            block = kind == blockOn;
            if (kind == outOfMemory) {
                throw new OutOfMemoryError("Cannot allocate 8294400 + 0 bytes (> maxBytes)");
            }
            Deque<ConversionException> scripted = failures.get(kind);
            if (scripted != null && !scripted.isEmpty()) {
                throw scripted.poll();
            }
        }
        progress.progress(0);
        progress.progress(50);
        during.run();
        if (block) {
            blocked.countDown();
            while (!cancellation.isCancelled()) {
                Thread.onSpinWait();
            }
            throw new ConversionException(ConversionFailure.CANCELLED, "the conversion was cancelled");
        }
        byte[] bytes = output(kind);
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.progress(100);
        synchronized (this) {
            made.merge(kind, 1, Integer::sum);
        }
        return new TranscodeReport(
                rendition.mimeType(),
                "aac",
                OptionalLong.of(128_000),
                Optional.empty(),
                Optional.of(Duration.ofSeconds(30)),
                bytes.length);
    }
}
