package dev.cairn.core.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TonTransferLog} must do; each implementation's test extends this. */
public abstract class TonTransferLogContract {
    protected static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    protected TonTransferLog log;

    protected abstract TonTransferLog newLog();

    @BeforeEach
    void open() {
        log = newLog();
    }

    protected static IncomingTransfer transfer(String hash, long lt, long amount, String comment) {
        return new IncomingTransfer(hash, lt, "EQsender", amount, Optional.ofNullable(comment), T0);
    }

    @Test
    void anEmptyLogHasNoCursor() {
        assertThat(log.lastLt()).isEmpty();
        assertThat(log.seen("h1")).isFalse();
    }

    @Test
    void eachHashIsRecordedOnceAndTheCursorIsTheHighestLt() {
        assertThat(log.record(new TonTransferLog.Entry(transfer("h2", 200, 5, "x"), Settlement.SHORT, T0)))
                .isTrue();
        assertThat(log.record(new TonTransferLog.Entry(transfer("h1", 100, 5, null), Settlement.UNKNOWN_INTENT, T0)))
                .isTrue();
        assertThat(log.record(new TonTransferLog.Entry(transfer("h2", 200, 5, "x"), Settlement.LICENSED, T0)))
                .isFalse();
        assertThat(log.seen("h1")).isTrue();
        assertThat(log.seen("h2")).isTrue();
        assertThat(log.seen("h3")).isFalse();
        assertThat(log.lastLt()).hasValue(200);
    }
}
