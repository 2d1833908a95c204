package dev.cairn.core.dht;

/** A DHT record that this node refuses: malformed, of another schema, or not validly signed by its claimed writer. */
public final class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
