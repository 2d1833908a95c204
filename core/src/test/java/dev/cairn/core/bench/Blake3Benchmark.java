package dev.cairn.core.bench;

import dev.cairn.core.hash.Blake3;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * BLAKE3-256 throughput of our implementation against Bouncy Castle's, single-threaded, plus the parallel helper.
 *
 * <p>Read the {@code :bytes} rows: bytes per microsecond, which is MB/s (10^6 bytes per second). Run with {@code
 * ./mvnw -B -q -pl core -Pbench -DskipTests verify -Dbench.includes=Blake3 -Dbench.args='-f 1 -wi 2 -i 3'}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(time = 2)
@Measurement(time = 2)
@State(Scope.Benchmark)
public class Blake3Benchmark {
    /** 1 KiB (identifiers), 64 KiB, 16 MiB and 64 MiB (uploads). */
    @Param({"1024", "65536", "16777216", "67108864"})
    public int size;

    private byte[] input;

    /** Bytes hashed, reported by JMH as a rate next to the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void clear() {
            bytes = 0;
        }
    }

    @Setup
    public void createInput() {
        input = new byte[size];
        new SplittableRandom(42).nextBytes(input);
    }

    @Benchmark
    public byte[] ours(Bytes counter) {
        counter.bytes += size;
        return Blake3.hash(input);
    }

    /** As an upload sink feeds it: 8 KiB writes. */
    @Benchmark
    public byte[] oursIn8KiBUpdates(Bytes counter) {
        counter.bytes += size;
        Blake3 hasher = Blake3.newHasher();
        for (int off = 0; off < size; off += 8192) {
            hasher.update(input, off, Math.min(8192, size - off));
        }
        return hasher.digest();
    }

    @Benchmark
    public byte[] bouncyCastle(Bytes counter) {
        counter.bytes += size;
        Blake3Digest digest = new Blake3Digest(256);
        digest.update(input, 0, size);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** Two threads, this machine's core count; inputs of 2 MiB or less stay on one thread. */
    @Benchmark
    public byte[] oursParallel2Threads(Bytes counter) {
        counter.bytes += size;
        return Blake3.hashParallel(input, 2);
    }
}
