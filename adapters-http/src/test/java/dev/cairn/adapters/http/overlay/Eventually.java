package dev.cairn.adapters.http.overlay;

import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread makes true, failing rather than hanging if it never does. */
public final class Eventually {
    private Eventually() {}

    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not true after a minute: " + what);
            }
            Thread.sleep(5);
        }
    }
}
