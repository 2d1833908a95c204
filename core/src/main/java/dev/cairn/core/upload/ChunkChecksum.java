package dev.cairn.core.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tus checksum extension: the digest a client expects of a chunk's bytes as it sent them (the plaintext).
 *
 * @param algorithm the tus name: {@code sha1}, {@code sha256}, {@code sha512} or {@code md5}
 * @param expected the digest's raw bytes
 */
public record ChunkChecksum(String algorithm, byte[] expected) {
    /** The supported algorithms, as {@code Tus-Checksum-Algorithm} lists them. */
    public static final List<String> ALGORITHMS = List.of("sha1", "sha256", "sha512", "md5");

    private static final Map<String, String> JDK_NAMES =
            Map.of("sha1", "SHA-1", "sha256", "SHA-256", "sha512", "SHA-512", "md5", "MD5");

    public ChunkChecksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(expected, "expected");
        if (!JDK_NAMES.containsKey(algorithm)) {
            throw new UploadException(
                    UploadFailure.INVALID_CHECKSUM,
                    "checksum algorithm '" + printable(algorithm) + "' is not supported; use one of " + ALGORITHMS);
        }
        int length = digest(algorithm).getDigestLength();
        if (expected.length != length) {
            throw new UploadException(
                    UploadFailure.INVALID_CHECKSUM,
                    "a " + algorithm + " checksum is " + length + " bytes, got " + expected.length);
        }
        expected = expected.clone();
    }

    /**
     * Parses {@code Upload-Checksum}: the algorithm, one space, the digest in Base64.
     *
     * @throws UploadException {@link UploadFailure#INVALID_CHECKSUM} if malformed or of an unsupported algorithm
     */
    public static ChunkChecksum parseHeader(String header) {
        int space = header.indexOf(' ');
        if (space <= 0) {
            throw new UploadException(
                    UploadFailure.INVALID_CHECKSUM,
                    "Upload-Checksum is '<algorithm> <base64 digest>', got '" + printable(header) + "'");
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(header.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new UploadException(
                    UploadFailure.INVALID_CHECKSUM,
                    "the digest in Upload-Checksum is not Base64: '" + printable(header) + "'");
        }
        return new ChunkChecksum(header.substring(0, space), digest);
    }

    @Override
    public byte[] expected() {
        return expected.clone();
    }

    /** A fresh digest of this algorithm. */
    MessageDigest newDigest() {
        return digest(algorithm);
    }

    boolean matches(byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(JDK_NAMES.get(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + JDK_NAMES.get(algorithm), e);
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkChecksum other
                && algorithm.equals(other.algorithm)
                && Arrays.equals(expected, other.expected);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(expected);
    }

    @Override
    public String toString() {
        return algorithm + ":" + HexFormat.of().formatHex(expected);
    }
}
