package dev.cairn.core.content;

import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.ipfs.Ipfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens once a content's blob is stored: it is registered, its conversion queued (media only), its blob added
 * to and pinned in IPFS, and the node told it exists (replication's announce). Thread-safe.
 *
 * <p>Registration and queueing happen in the caller's thread, so the content is known when {@link #publish} returns.
 * IPFS and the announcement run on the {@code background} executor: adding a large blob to Kubo takes seconds, which
 * a client waiting for its last upload request should not. IPFS never costs a content: a failure is logged and the
 * content stays registered without a CID, which {@link #retryIpfs} (for the app to schedule) picks up later.
 */
public final class ContentPublisher {
    private static final Logger log = LoggerFactory.getLogger(ContentPublisher.class);

    private final BlobStore blobs;
    private final ContentStore contents;
    private final ConversionQueue conversions;
    private final Ipfs ipfs;
    private final Consumer<ContentId> announce;
    private final Executor background;

    /**
     * @param announce told the id of each published content; the app wires it to replication's announce
     * @param background runs the IPFS add and the announcement (a virtual-thread executor in the node; {@code
     *     Runnable::run} runs them before {@link #publish} returns)
     */
    public ContentPublisher(
            BlobStore blobs,
            ContentStore contents,
            ConversionQueue conversions,
            Ipfs ipfs,
            Consumer<ContentId> announce,
            Executor background) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.contents = Objects.requireNonNull(contents, "contents");
        this.conversions = Objects.requireNonNull(conversions, "conversions");
        this.ipfs = Objects.requireNonNull(ipfs, "ipfs");
        this.announce = Objects.requireNonNull(announce, "announce");
        this.background = Objects.requireNonNull(background, "background");
    }

    /**
     * Registers {@code content}, whose blob must already be stored, queues its conversion unless it is binary, then in
     * the background adds it to IPFS and announces it. Safe to repeat after a crash: each step is idempotent.
     *
     * @return whether the content was new (false: registered before, e.g. by a run that crashed right after)
     */
    public boolean publish(ContentRecord content) {
        boolean registered = contents.register(content);
        if (content.kind() != ContentKind.BINARY) {
            conversions.enqueue(content.id(), content.kind());
        }
        try {
            background.execute(() -> {
                addToIpfs(content.id());
                tellNode(content.id());
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: the IPFS retry catches up with the CID; replication's own rounds find the content.
            log.warn(
                    "Content {} is stored, but its IPFS add and announcement were refused: {}",
                    content.id(),
                    e.toString());
        }
        return registered;
    }

    /**
     * Adds to IPFS up to {@code limit} contents that have no CID yet, oldest first; failures are logged and left for
     * the next call. Does nothing on a node without IPFS.
     *
     * @return how many were added
     */
    public int retryIpfs(int limit) {
        if (!ipfs.enabled()) {
            return 0;
        }
        List<ContentRecord> missing = contents.withoutIpfsCid(limit);
        int added = 0;
        for (ContentRecord content : missing) {
            added += addToIpfs(content.id()) ? 1 : 0;
        }
        if (!missing.isEmpty()) {
            log.info("IPFS retry: added {} of {} contents without a CID", added, missing.size());
        }
        return added;
    }

    private boolean addToIpfs(ContentId id) {
        if (!ipfs.enabled()) {
            return false;
        }
        try (InputStream ciphertext = Channels.newInputStream(blobs.open(id, 0))) {
            Cid cid = ipfs.addAndPin(id, ciphertext);
            contents.setIpfsCid(id, cid);
            log.info("Content {} is pinned in IPFS as {}", id, cid);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not add content {} to IPFS, left for a retry: {}", id, e.toString());
            return false;
        }
    }

    private void tellNode(ContentId id) {
        try {
            announce.accept(id);
        } catch (RuntimeException e) {
            log.warn("Announcing content {} failed; replication rounds will find it: {}", id, e.toString());
        }
    }
}
