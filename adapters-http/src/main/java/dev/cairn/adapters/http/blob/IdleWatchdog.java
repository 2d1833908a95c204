package dev.cairn.adapters.http.blob;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes a response stream that has made no progress for a whole idle period, which unblocks a read stuck on a peer
 * that stopped sending: the HTTP client's request timeout only covers the wait for the response headers.
 */
final class IdleWatchdog implements AutoCloseable {
    private final AtomicLong reads = new AtomicLong();
    private final Thread thread;
    private volatile boolean fired;

    IdleWatchdog(Closeable stream, Duration idle) {
        thread = Thread.ofVirtual().name("replica-fetch-watchdog").start(() -> watch(stream, idle));
    }

    void progress() {
        reads.incrementAndGet();
    }

    boolean fired() {
        return fired;
    }

    private void watch(Closeable stream, Duration idle) {
        long seen = 0;
        try {
            while (true) {
                Thread.sleep(idle);
                long now = reads.get();
                if (now == seen) {
                    fired = true;
                    stream.close();
                    return;
                }
                seen = now;
            }
        } catch (InterruptedException e) {
            // The transfer ended.
        } catch (IOException e) {
            // Closing failed: the read stays blocked until the connection dies; nothing better to do here.
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
