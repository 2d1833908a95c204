package dev.cairn.core.payment;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction of the receiving wallet that brought TON in: what a {@link TonTransfers} adapter reads from the chain.
 *
 * @param hash the transaction hash (as the API gives it; unique per wallet)
 * @param lt the transaction's logical time: strictly increasing along one wallet's transactions
 * @param source the sending address
 * @param amount the incoming message's value in nanotons
 * @param comment the text comment the message carried, if it carried one
 */
public record IncomingTransfer(String hash, long lt, String source, long amount, Optional<String> comment, Instant at) {
    public IncomingTransfer {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(at, "at");
        if (hash.isBlank()) {
            throw new IllegalArgumentException("a transaction has a hash");
        }
        if (lt < 0 || amount < 0) {
            throw new IllegalArgumentException("lt and amount are >= 0, got " + lt + " and " + amount);
        }
    }
}
