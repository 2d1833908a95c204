package dev.cairn.core.bench;

import dev.cairn.core.crdt.CrdtCodec;
import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.crdt.ElementCodec;
import dev.cairn.core.crdt.GCounter;
import dev.cairn.core.crdt.LwwElementSet;
import dev.cairn.core.crdt.PNCounter;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.NodeId;
import java.util.SplittableRandom;
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
 * Merges per second of the states a node gossips: counters with 100 node slots (a metric window seen by a hundred
 * nodes) and an LWW-Element-Set of 1,000 node ids (a membership view), each merged with a replica that shares most
 * entries and differs in some; plus the set's wire form.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CrdtMergeBenchmark {
    private static final CrdtCodec CODEC = CrdtCodec.standard();

    private GCounter gA;
    private GCounter gB;
    private PNCounter pnA;
    private PNCounter pnB;
    private LwwElementSet<NodeId> setA;
    private LwwElementSet<NodeId> setB;
    private byte[] encodedSet;

    @Setup
    public void setUp() {
        var random = new SplittableRandom(42);
        NodeId[] nodes = new NodeId[1_000];
        for (int i = 0; i < nodes.length; i++) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            nodes[i] = new NodeId(Digest256.of(b));
        }
        gA = GCounter.empty();
        gB = GCounter.empty();
        pnA = PNCounter.empty();
        pnB = PNCounter.empty();
        for (int i = 0; i < 100; i++) {
            long base = 1 + random.nextInt(1_000_000);
            gA = gA.increment(nodes[i], base + random.nextInt(100));
            gB = gB.increment(nodes[i], base + random.nextInt(100));
            pnA = pnA.increment(nodes[i], base).decrement(nodes[i], random.nextInt(100));
            pnB = pnB.increment(nodes[i], base + random.nextInt(100)).decrement(nodes[i], random.nextInt(100));
        }
        setA = LwwElementSet.empty(ElementCodec.nodeId());
        setB = LwwElementSet.empty(ElementCodec.nodeId());
        for (int i = 0; i < nodes.length; i++) {
            var stamp = new Dominance(random.nextInt(5), 1_700_000_000_000L + random.nextInt(600_000), nodes[i]);
            setA = random.nextInt(10) == 0 ? setA.remove(nodes[i], stamp) : setA.add(nodes[i], stamp);
            var other = random.nextInt(4) == 0 ? stamp.next(stamp.timestampMillis() + 1, nodes[i]) : stamp;
            setB = random.nextInt(10) == 0 ? setB.remove(nodes[i], other) : setB.add(nodes[i], other);
        }
        encodedSet = CODEC.encode(setA);
    }

    @Benchmark
    public GCounter gCounterMerge100Nodes() {
        return gA.merge(gB);
    }

    @Benchmark
    public PNCounter pnCounterMerge100Nodes() {
        return pnA.merge(pnB);
    }

    @Benchmark
    public LwwElementSet<NodeId> lwwSetMerge1000Elements() {
        return setA.merge(setB);
    }

    @Benchmark
    public byte[] lwwSetEncode1000Elements() {
        return CODEC.encode(setA);
    }

    @Benchmark
    public LwwElementSet<NodeId> lwwSetDecode1000Elements() {
        return CODEC.decodeSet(encodedSet, ElementCodec.nodeId());
    }
}
