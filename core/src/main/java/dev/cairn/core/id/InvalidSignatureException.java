package dev.cairn.core.id;

/** A signed structure that does not verify; says which kind and why, never echoing key material. */
public final class InvalidSignatureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SignatureKind kind;

    InvalidSignatureException(SignatureKind kind, String reason) {
        super("invalid " + kind.name() + " signature: " + reason);
        this.kind = kind;
    }

    public SignatureKind kind() {
        return kind;
    }
}
