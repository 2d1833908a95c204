package dev.cairn.core.payment;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Port: every incoming TON transaction this node has looked at and what it made of it ({@code ton_transfers}), so
 * that each is settled once and polling resumes where it stopped.
 */
public interface TonTransferLog {
    /** One transaction looked at. */
    record Entry(IncomingTransfer transfer, Settlement outcome, Instant seenAt) {
        public Entry {
            Objects.requireNonNull(transfer, "transfer");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(seenAt, "seenAt");
        }
    }

    /** Records an entry; false if its transaction hash is recorded already (the first entry stays). */
    boolean record(Entry entry);

    boolean seen(String hash);

    /** The highest logical time recorded, where the next poll starts. */
    OptionalLong lastLt();
}
