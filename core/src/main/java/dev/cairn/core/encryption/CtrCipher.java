package dev.cairn.core.encryption;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.crypto.Crypto;
import org.apache.commons.crypto.cipher.CryptoCipher;
import org.apache.commons.crypto.cipher.CryptoCipherFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AES-256-CTR through Apache Commons Crypto's cipher API, with OpenSSL where it works and the JDK's cipher otherwise.
 *
 * <p>Byte {@code n} of a content is XORed with keystream byte {@code n % 16} of block {@code IV + n / 16} (the IV is a
 * 128-bit big-endian counter that wraps around), so encryption may start at any offset: resuming an upload and
 * decrypting a byte range both just start the stream there.
 *
 * <p>Why the cipher API and not Commons Crypto's {@code CtrCryptoOutputStream}/{@code CtrCryptoInputStream}: those
 * streams stage every byte through two direct buffers, which suits OpenSSL but makes the JCE engine (the one that
 * works here) copy them back to the heap 4 KiB at a time: 1.8-3.5 GiB/s against 7.5-8.8 GiB/s for the same cipher
 * on heap arrays (EncryptBenchmark). The positioning arithmetic the streams would do is {@link #counterBlock} plus a dummy
 * update; tests check it against the streams, the plain JDK cipher and NIST SP 800-38A.
 *
 * <p>The engine is chosen once per JVM. Asking Commons Crypto for "OpenSSL, then JCE" on every stream would, where
 * OpenSSL cannot serve (Debian 12: the JNI library loads, but Commons Crypto 1.2.0 looks up OpenSSL 1.1 symbols such
 * as {@code EVP_CIPHER_CTX_block_size}, which OpenSSL 3 renamed), throw and catch an exception per stream; so {@link
 * #preferOpenSsl()} asks once, logs the answer at INFO and afterwards names only the winner.
 */
public final class CtrCipher {
    static final String TRANSFORMATION = "AES/CTR/NoPadding";
    static final String OPENSSL_CIPHER = CryptoCipherFactory.CipherProvider.OPENSSL.getClassName();
    static final String JCE_CIPHER = CryptoCipherFactory.CipherProvider.JCE.getClassName();
    /** Large enough that per-call overhead (JNI or JCE dispatch, channel writes) vanishes; small enough for caches. */
    static final int BUFFER_SIZE = 64 * 1024;

    private static final int BLOCK = 16;

    private static final Logger log = LoggerFactory.getLogger(CtrCipher.class);

    private final Properties properties;
    private final CipherEngine engine;

    private CtrCipher(CipherEngine engine) {
        this.engine = engine;
        this.properties = new Properties();
        properties.setProperty(CryptoCipherFactory.CLASSES_KEY, engine.implementation());
    }

    /** OpenSSL if Commons Crypto can use it here, else the JCE; decided and logged once per JVM. */
    public static CtrCipher preferOpenSsl() {
        return Detected.INSTANCE;
    }

    /** Always the JCE implementation (Commons Crypto's {@code JceCipher}), e.g. to compare engines. */
    public static CtrCipher jce() {
        return new CtrCipher(new CipherEngine(
                JCE_CIPHER, Crypto.isNativeCodeLoaded(), loadingError(), Optional.of("not asked for")));
    }

    /** The implementation in use. */
    public CipherEngine engine() {
        return engine;
    }

    /**
     * A stream that encrypts what is written to it as the bytes of {@code key}'s content from position {@code offset}
     * on, writing the ciphertext to {@code out}. Closing it flushes and closes {@code out}.
     */
    public OutputStream encrypting(ContentKey key, long offset, WritableByteChannel out) throws IOException {
        return new CtrEncryptingStream(positioned(key, offset, Cipher.ENCRYPT_MODE), out);
    }

    /**
     * A stream of the plaintext of {@code key}'s content from position {@code offset} on, decrypting {@code in}, which
     * must be positioned at that same offset of the ciphertext. Closing it closes {@code in}.
     */
    public InputStream decrypting(ContentKey key, long offset, ReadableByteChannel in) throws IOException {
        return new CtrDecryptingStream(positioned(key, offset, Cipher.DECRYPT_MODE), in);
    }

    /**
     * A cipher whose keystream starts at byte {@code offset}: the counter block is {@code IV + offset / 16} and the
     * first {@code offset % 16} keystream bytes are used up on a dummy block.
     */
    private CryptoCipher positioned(ContentKey key, long offset, int mode) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("a stream offset must be >= 0, got " + offset);
        }
        CryptoCipher cipher;
        try {
            cipher = CryptoCipherFactory.getCryptoCipher(TRANSFORMATION, properties);
        } catch (GeneralSecurityException e) {
            throw new IOException(engine.implementation() + " stopped providing " + TRANSFORMATION, e);
        }
        try {
            cipher.init(
                    mode,
                    new SecretKeySpec(key.key(), "AES"),
                    new IvParameterSpec(counterBlock(key.iv(), offset / BLOCK)));
            int skip = (int) (offset % BLOCK);
            if (skip > 0) {
                byte[] dummy = new byte[skip];
                cipher.update(dummy, 0, skip, dummy, 0);
            }
            return cipher;
        } catch (GeneralSecurityException | RuntimeException e) {
            cipher.close();
            throw new IllegalStateException("AES-256-CTR rejected a well-formed key and IV", e);
        }
    }

    /** {@code iv + blocks} as 128-bit big-endian unsigned numbers, wrapping like the CTR counter itself. */
    static byte[] counterBlock(byte[] iv, long blocks) {
        byte[] counter = iv.clone();
        int carry = 0;
        for (int i = BLOCK - 1; i >= 0; i--) {
            int addend = i >= BLOCK - Long.BYTES ? (int) (blocks >>> (8 * (BLOCK - 1 - i))) & 0xff : 0;
            int sum = (counter[i] & 0xff) + addend + carry;
            counter[i] = (byte) sum;
            carry = sum >>> 8;
        }
        return counter;
    }

    private static CipherEngine detect() {
        boolean nativeLoaded = Crypto.isNativeCodeLoaded();
        String chosen;
        try {
            chosen = implementationFor(OPENSSL_CIPHER + "," + JCE_CIPHER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("neither OpenSSL nor the JCE provides " + TRANSFORMATION, e);
        }
        Optional<String> openSslProblem = Optional.empty();
        if (!chosen.equals(OPENSSL_CIPHER)) {
            try {
                implementationFor(OPENSSL_CIPHER);
                openSslProblem = Optional.of("passed over although it instantiates");
            } catch (GeneralSecurityException e) {
                openSslProblem = Optional.of(rootCause(e).toString());
            }
        }
        var engine = new CipherEngine(chosen, nativeLoaded, loadingError(), openSslProblem);
        log.info(
                "Content encryption: AES-256-CTR by Commons Crypto {} {} (native code loaded: {}{}{})",
                Crypto.getComponentVersion(),
                chosen,
                nativeLoaded,
                engine.nativeLoadingError()
                        .map(e -> ", native loading error: " + e)
                        .orElse(""),
                openSslProblem.map(p -> "; OpenSSL cipher unavailable: " + p).orElse(""));
        return engine;
    }

    private static String implementationFor(String classes) throws GeneralSecurityException {
        var props = new Properties();
        props.setProperty(CryptoCipherFactory.CLASSES_KEY, classes);
        try (CryptoCipher cipher = CryptoCipherFactory.getCryptoCipher(TRANSFORMATION, props)) {
            return cipher.getClass().getName();
        } catch (IOException e) {
            throw new GeneralSecurityException("closing a probe cipher failed", e);
        }
    }

    private static Optional<String> loadingError() {
        return Optional.ofNullable(Crypto.getLoadingError()).map(Throwable::toString);
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Lazy holder: detection (and its log line) happens on first use, exactly once. */
    private static final class Detected {
        static final CtrCipher INSTANCE = new CtrCipher(detect());
    }
}
