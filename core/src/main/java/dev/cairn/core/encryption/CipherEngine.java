package dev.cairn.core.encryption;

import java.util.Optional;

/**
 * Which Commons Crypto implementation runs AES-CTR in this JVM, and why: what operators need to see once at start-up.
 *
 * @param implementation the {@code CryptoCipher} class, e.g. {@code org.apache.commons.crypto.cipher.JceCipher}
 * @param nativeCodeLoaded whether Commons Crypto's JNI library loaded ({@code Crypto.isNativeCodeLoaded()})
 * @param nativeLoadingError {@code Crypto.getLoadingError()}, if any
 * @param openSslProblem why the OpenSSL cipher could not be used, if it was not
 */
public record CipherEngine(
        String implementation,
        boolean nativeCodeLoaded,
        Optional<String> nativeLoadingError,
        Optional<String> openSslProblem) {

    /** Whether AES runs in OpenSSL (through JNI) rather than in the JDK's own provider. */
    public boolean isOpenSsl() {
        return implementation.equals(CtrCipher.OPENSSL_CIPHER);
    }
}
