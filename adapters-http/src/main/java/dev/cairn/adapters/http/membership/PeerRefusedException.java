package dev.cairn.adapters.http.membership;

import java.io.IOException;

/** A peer answered a handshake with an error status; {@link #code()} is the {@code code} of its error body. */
public final class PeerRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public PeerRefusedException(String message, int status, String code) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The peer's error code, such as {@code nonce_replayed}; empty when its body had none. */
    public String code() {
        return code;
    }
}
