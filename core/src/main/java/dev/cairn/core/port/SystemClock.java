package dev.cairn.core.port;

/** The wall clock; the one class in core allowed to read it (the architecture test checks this). */
public enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
