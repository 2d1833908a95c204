package dev.cairn.core.port;

import java.security.SecureRandom;

/**
 * Where key material comes from: a port so that tests can make keys, IVs and nonces deterministic.
 *
 * <p>Production uses {@link #secure()}. Implementations must be safe for concurrent use.
 */
@FunctionalInterface
public interface RandomBytes {

    /** Fills {@code into} with random bytes. */
    void nextBytes(byte[] into);

    /** A fresh byte array of {@code length} random bytes. */
    default byte[] bytes(int length) {
        byte[] out = new byte[length];
        nextBytes(out);
        return out;
    }

    /**
     * The JDK's default {@link SecureRandom} (NativePRNG on Linux: non-blocking {@code /dev/urandom} mixed with SHA1PRNG
     * output), which is thread-safe and never blocks once the kernel pool is seeded.
     */
    static RandomBytes secure() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }
}
