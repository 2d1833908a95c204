package dev.cairn.core.conversion;

/** Told how far a rendition has got; called from the converting thread, so it must return quickly. */
@FunctionalInterface
public interface ProgressListener {
    /** {@code percent} in 0..100, never decreasing within one rendition; 100 once the output is complete. */
    void progress(int percent);

    ProgressListener NONE = percent -> {};
}
