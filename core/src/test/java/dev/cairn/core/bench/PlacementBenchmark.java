package dev.cairn.core.bench;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.replication.Candidate;
import dev.cairn.core.replication.Placement;
import dev.cairn.core.replication.PlacementView;
import dev.cairn.core.replication.ReplicationConfig;
import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Placement of contents over a converged view (the target: 1,000,000 contents over 10,000 nodes in under
 * 60 s). One operation places {@value #BATCH} contents (responsibility, leader, rendezvous ranking, diversity greedy),
 * so the reported time per operation divided by {@value #BATCH} is the cost per content; times 1,000,000 the target.
 * Nodes get a random first octet out of 200 and an ASN out of 3,000, roughly what a public network looks like.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlacementBenchmark {
    static final int BATCH = 10_000;

    @Param({"1000", "10000"})
    public int nodes;

    private PlacementView view;
    private ContentId[] contents;

    @Setup
    public void setUp() {
        var random = new SplittableRandom(42);
        var candidates = new ArrayList<Candidate>(nodes);
        for (int i = 0; i < nodes; i++) {
            candidates.add(Candidate.of(
                    new NodeId(random32(random)), 1 + random.nextInt(200), 64_500 + random.nextInt(3_000)));
        }
        view = new PlacementView(candidates, nodes, ReplicationConfig.defaults());
        contents = new ContentId[BATCH];
        for (int i = 0; i < BATCH; i++) {
            contents[i] = new ContentId(random32(random));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int placeContents() {
        int holders = 0;
        for (ContentId content : contents) {
            Placement placement = view.place(content);
            holders += placement.holders().size();
        }
        return holders;
    }

    private static Digest256 random32(SplittableRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Digest256.of(b);
    }
}
