package dev.cairn.core.architecturefixture;

/** Reads the wall clock directly on purpose, so the clock rule's test can show that it bites. */
public final class CoreClassReadingTheWallClock {
    private CoreClassReadingTheWallClock() {}

    static long now() {
        return System.currentTimeMillis();
    }
}
