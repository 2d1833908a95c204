package dev.cairn.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class IpfsPinnerTest {
    static final ContentId CONTENT = new ContentId(Digest256.blake3("held".getBytes(StandardCharsets.UTF_8)));
    static final Cid CID = ReplicatorIpfsTest.CID;

    final RecordingIpfs ipfs = new RecordingIpfs();
    final Queue<Runnable> queued = new ArrayDeque<>();
    /** An executor that runs tasks only when the test says so. */
    final Executor manual = queued::add;

    final IpfsPinner pinner = new IpfsPinner(ipfs, manual);

    @Test
    void startingAPinReturnsAtOnceAndThePinRunsOnTheExecutor() {
        pinner.start(CONTENT, CID);

        assertThat(ipfs.pinCalls).isEmpty();
        assertThat(pinner.inFlight()).isEqualTo(1);
        assertThat(pinner.pinned(CONTENT, CID)).isFalse();

        queued.poll().run();

        assertThat(ipfs.pinCalls).containsExactly(CID);
        assertThat(pinner.inFlight()).isZero();
        assertThat(pinner.pinned(CONTENT, CID)).isTrue();
        assertThat(pinner.pinned(CONTENT, ReplicatorIpfsTest.OTHER_CID)).isFalse();
    }

    @Test
    void aPinRunningIsNotStartedTwice() {
        pinner.start(CONTENT, CID);
        pinner.start(CONTENT, CID);

        assertThat(queued).hasSize(1);
    }

    @Test
    void aFailedPinLeavesNothingPinnedAndCanBeStartedAgain() {
        ipfs.down = true;
        pinner.start(CONTENT, CID);
        queued.poll().run();

        assertThat(pinner.pinned(CONTENT, CID)).isFalse();
        assertThat(pinner.inFlight()).isZero();

        ipfs.down = false;
        pinner.start(CONTENT, CID);
        queued.poll().run();
        assertThat(pinner.pinned(CONTENT, CID)).isTrue();
        assertThat(ipfs.pinCalls).containsExactly(CID, CID);
    }

    @Test
    void aForgottenContentIsNoLongerPinnedHere() {
        pinner.start(CONTENT, CID);
        queued.poll().run();

        pinner.forget(CONTENT);

        assertThat(pinner.pinned(CONTENT, CID)).isFalse();
        assertThat(pinner.snapshot()).isEmpty();
    }

    @Test
    void aSaturatedExecutorLeavesNothingInFlight() {
        var refusing = new IpfsPinner(ipfs, task -> {
            throw new RejectedExecutionException("full");
        });

        refusing.start(CONTENT, CID);

        assertThat(refusing.inFlight()).isZero();
        assertThat(ipfs.pinCalls).isEmpty();
    }

    @Test
    void withoutIpfsNothingIsStarted() {
        ipfs.enabled = false;
        pinner.start(CONTENT, CID);

        assertThat(pinner.enabled()).isFalse();
        assertThat(queued).isEmpty();
        assertThat(IpfsPinner.off().enabled()).isFalse();
    }
}
