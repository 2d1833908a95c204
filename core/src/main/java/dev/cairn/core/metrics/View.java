package dev.cairn.core.metrics;

import java.util.Objects;

/**
 * One view as a client reports it.
 *
 * @param deviceSalt the client's per-device salt; only its hash with the content id is kept
 * @param watchSeconds seconds watched or listened
 * @param bytesOut bytes served for this view
 * @param completed whether the play reached the end
 */
public record View(byte[] deviceSalt, long watchSeconds, long bytesOut, boolean completed) {
    public View {
        Objects.requireNonNull(deviceSalt, "deviceSalt");
        deviceSalt = deviceSalt.clone();
    }

    @Override
    public byte[] deviceSalt() {
        return deviceSalt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof View v
                && java.util.Arrays.equals(deviceSalt, v.deviceSalt)
                && watchSeconds == v.watchSeconds
                && bytesOut == v.bytesOut
                && completed == v.completed;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(deviceSalt) * 31 + Long.hashCode(watchSeconds ^ bytesOut);
    }

    @Override
    public String toString() {
        return "View[salt " + deviceSalt.length + " bytes, " + watchSeconds + " s, " + bytesOut + " bytes, completed="
                + completed + "]";
    }
}
