package dev.cairn.core.bench;

import dev.cairn.core.crdt.CrdtCodec;
import dev.cairn.core.crdt.HyperLogLog;
import dev.cairn.core.crdt.HyperLogLogBuilder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HyperLogLog at the default precision 14 (16,384 registers): the cost of counting one element (by a ready hash, or
 * hashing 32 bytes with BLAKE3), of merging two dense sketches, of estimating, and of the wire form.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HyperLogLogBenchmark {
    private static final CrdtCodec CODEC = CrdtCodec.standard();

    private HyperLogLogBuilder builder;
    private HyperLogLog denseA;
    private HyperLogLog denseB;
    private byte[] encodedDense;
    private byte[] id;
    private long state;

    @Setup
    public void setUp() {
        builder = HyperLogLog.builder();
        denseA = sketch(1, 1_000_000);
        denseB = sketch(2, 1_000_000);
        encodedDense = CODEC.encode(denseA);
        id = new byte[32];
    }

    /** Counting one element by its 64-bit hash into a mutable builder: the metrics hot path. */
    @Benchmark
    public HyperLogLogBuilder builderAddHash() {
        return builder.addHash(nextHash());
    }

    /** Counting a 32-byte id (a ViewID) hashed with BLAKE3. */
    @Benchmark
    public HyperLogLogBuilder builderAddBytes() {
        long h = nextHash();
        id[0] = (byte) h;
        id[1] = (byte) (h >>> 8);
        id[2] = (byte) (h >>> 16);
        id[3] = (byte) (h >>> 24);
        return builder.add(id);
    }

    /** The immutable add on a dense sketch that has seen a million elements: mostly no register grows. */
    @Benchmark
    public HyperLogLog immutableAddHashToDense() {
        return denseA.addHash(nextHash());
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public HyperLogLog mergeDense() {
        return denseA.merge(denseB);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double estimateDense() {
        return denseA.estimate();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] encodeDense() {
        return CODEC.encode(denseA);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public HyperLogLog decodeDense() {
        return CODEC.decodeHyperLogLog(encodedDense);
    }

    private long nextHash() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private HyperLogLog sketch(long seed, int n) {
        var b = HyperLogLog.builder();
        state = seed * 0x632BE59BD9B4E019L;
        for (int i = 0; i < n; i++) {
            b.addHash(nextHash());
        }
        return b.build();
    }
}
