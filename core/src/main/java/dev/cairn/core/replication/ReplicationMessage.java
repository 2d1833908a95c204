package dev.cairn.core.replication;

import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.MetaKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import java.util.Objects;
import java.util.Optional;

/** What replication peers tell each other; the sender is known from the transport. */
public sealed interface ReplicationMessage {
    ContentId content();

    /** A lease holder has the blob pinned; sent every heartbeat interval to the responsible nodes and the leader. */
    record HolderHeartbeat(ContentId content) implements ReplicationMessage {
        public HolderHeartbeat {
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A node that has been leased {@code content} has the lease and is fetching the blob; sent to the sender of each
     * leader heartbeat that leases it while it has not pinned yet, and once per heartbeat interval to the responsible
     * nodes and the leader until it has. It tells the leader the new holder is alive before it can heartbeat.
     */
    record LeaseAccepted(ContentId content) implements ReplicationMessage {
        public LeaseAccepted {
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * The acting leader is alive, with its current signed MetaKey record; sent every heartbeat interval and on every
     * change to the responsible nodes and the holders, so the record itself spreads with the heartbeat.
     */
    record LeaderHeartbeat(DhtRecord meta) implements ReplicationMessage {
        public LeaderHeartbeat {
            Objects.requireNonNull(meta, "meta");
            if (!(meta.key() instanceof MetaKey)) {
                throw new IllegalArgumentException("a leader heartbeat carries a MetaKey record, got "
                        + meta.key().wire());
            }
        }

        @Override
        public ContentId content() {
            return ((MetaKey) meta.key()).contentId();
        }
    }

    /**
     * A node's current MetaKey record, sent back to a leader whose heartbeat carried a record that differs from it
     * after merging (typically after a partition), so the leader learns what the other side wrote.
     */
    record MetaRecord(DhtRecord meta) implements ReplicationMessage {
        public MetaRecord {
            Objects.requireNonNull(meta, "meta");
            if (!(meta.key() instanceof MetaKey)) {
                throw new IllegalArgumentException("a meta record message carries a MetaKey record, got "
                        + meta.key().wire());
            }
        }

        @Override
        public ContentId content() {
            return ((MetaKey) meta.key()).contentId();
        }
    }

    /**
     * An uploader tells the responsible nodes that {@code content} exists, until it sees it placed with its CID. It
     * carries no record: an uploader writing one would race the leader's first write on the same logical counter. It
     * carries the blob's IPFS CID once the uploader's daemon has computed it, for the leader to write into the record.
     */
    record Announce(ContentId content, Optional<Cid> ipfsCid) implements ReplicationMessage {
        public Announce {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(ipfsCid, "ipfsCid");
            ipfsCid.ifPresent(ContentMeta::checkIpfsCid);
        }

        /** An announcement without a CID (the uploader has none yet, or no IPFS). */
        public Announce(ContentId content) {
            this(content, Optional.empty());
        }
    }

    /** The leader trimmed this node's replica: unpin it. */
    record Release(ContentId content) implements ReplicationMessage {
        public Release {
            Objects.requireNonNull(content, "content");
        }
    }
}
