package dev.cairn.core.membership;

/** Why a handshake, a handshake response or a receipt was refused; each check has its own reason. */
public enum RejectionReason {
    /** Not the wire form: unknown or missing member, wrong type, out of bounds, duplicate receipt issuer. */
    MALFORMED,
    /** {@code schema_version} other than {@code v1}. */
    UNSUPPORTED_SCHEMA_VERSION,
    /** {@code ts} further from this node's clock than the allowed skew. */
    TIMESTAMP_OUT_OF_WINDOW,
    /** The (NodeId, nonce) pair was already accepted within the skew window. */
    NONCE_REPLAYED,
    /** The replay cache is full of unexpired nonces; refusing is safer than forgetting one. */
    REPLAY_CACHE_FULL,
    /** A response whose nonce echoes no handshake this node has in flight. */
    UNSOLICITED_RESPONSE,
    /** {@code node_id} is not BLAKE3-256 of {@code public_key}. */
    NODE_ID_MISMATCH,
    /** A node handshaking with itself. */
    SELF_HANDSHAKE,
    /** The message signature does not verify. */
    BAD_SIGNATURE,
    /** A receipt's {@code issuer} is not BLAKE3-256 of its {@code issuer_key}. */
    RECEIPT_ISSUER_MISMATCH,
    /** A receipt's own signature does not verify. */
    RECEIPT_BAD_SIGNATURE,
    /** A receipt older than the membership TTL. */
    RECEIPT_EXPIRED,
    /** A receipt dated further in the future than the allowed skew. */
    RECEIPT_FROM_FUTURE,
    /** A receipt that does not target the node presenting it (or, in a response, not the caller). */
    RECEIPT_WRONG_TARGET,
    /** A response's fresh receipt not issued by the responder. */
    RECEIPT_WRONG_ISSUER,
    /** A member advertisement signed longer ago than the membership TTL. */
    ADVERTISEMENT_EXPIRED,
    /** A member advertisement dated further in the future than the allowed skew. */
    ADVERTISEMENT_FROM_FUTURE,
    /** A new node while this node keeps its maximum of unexpired members. */
    MEMBERSHIP_FULL
}
