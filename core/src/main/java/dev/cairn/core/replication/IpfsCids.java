package dev.cairn.core.replication;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import java.util.Optional;

/**
 * Port: the IPFS CID of a content this node added to its own daemon (an upload, once Kubo has it), which replication
 * announces so that the content's record carries it. The node reads its content store; empty while the add is pending.
 */
@FunctionalInterface
public interface IpfsCids {
    /** The CID of {@code content}'s blob, if this node added it to IPFS. */
    Optional<Cid> of(ContentId content);

    /** A node that knows no CIDs (no IPFS). */
    IpfsCids NONE = content -> Optional.empty();
}
