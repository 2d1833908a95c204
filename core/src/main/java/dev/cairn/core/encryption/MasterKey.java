package dev.cairn.core.encryption;

import dev.cairn.core.hash.Blake3;
import dev.cairn.core.port.RandomBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node's long-lived AES-256 key; it encrypts ("wraps") every {@link ContentKey} before that is stored.
 *
 * <p>Wrapping is AES-256-GCM through the JCE with a random 96-bit nonce and the {@link KeyContext} as associated data
 * (format in {@link WrappedKey}; why GCM rather than RFC 3394 key wrap in {@code docs/encryption.md}). Random nonces
 * are safe for 2^32 wraps per master key (NIST SP 800-38D, 8.3), one per stored content: far beyond one node.
 *
 * <p>Comes from a {@link MasterKeyFile} or {@link #generate}. {@link #toString} shows only the public id.
 */
public final class MasterKey {
    /** Length of the key in bytes. */
    public static final int LENGTH = 32;

    private static final String GCM = "AES/GCM/NoPadding";
    private static final byte[] ID_LABEL = "cairn master key id v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;
    private final byte[] id;
    private final RandomBytes random;

    private MasterKey(byte[] key, RandomBytes random) {
        this.key = key;
        this.random = random;
        this.id = Arrays.copyOf(Blake3.newHasher().update(ID_LABEL).update(key).digest(), 4);
    }

    /** A new random master key; {@code random} also supplies the nonces of its wraps. */
    public static MasterKey generate(RandomBytes random) {
        return new MasterKey(random.bytes(LENGTH), random);
    }

    /** A master key from its 32 raw bytes; {@code random} supplies the nonces of its wraps. */
    static MasterKey of(byte[] key, RandomBytes random) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a master key is " + LENGTH + " bytes, got " + key.length);
        }
        return new MasterKey(key.clone(), Objects.requireNonNull(random, "random"));
    }

    /** A short public fingerprint (8 hex characters) that tells master keys apart in logs and wrapped keys. */
    public String id() {
        return HexFormat.of().formatHex(id);
    }

    /** Encrypts {@code contentKey} for storage, bound to {@code context}. */
    public WrappedKey wrap(ContentKey contentKey, KeyContext context) {
        byte[] header = new byte[WrappedKey.HEADER_LENGTH];
        header[0] = WrappedKey.VERSION_1;
        System.arraycopy(id, 0, header, 1, id.length);
        byte[] nonce = random.bytes(WrappedKey.NONCE_LENGTH);
        byte[] plain = contentKey.toBytes();
        try {
            Cipher cipher = gcm(Cipher.ENCRYPT_MODE, nonce, header, context);
            return WrappedKey.of(header, nonce, cipher.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this JDK", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Decrypts a key made by {@link #wrap} with the same {@code context}.
     *
     * @throws KeyUnwrapException if it was wrapped under another master key, altered, or bound to another context
     */
    public ContentKey unwrap(WrappedKey wrapped, KeyContext context) {
        byte[] header = wrapped.header();
        if (!MessageDigest.isEqual(Arrays.copyOfRange(header, 1, header.length), id)) {
            throw new KeyUnwrapException(
                    KeyUnwrapException.Reason.WRONG_MASTER_KEY,
                    "the key of " + context.purpose() + " " + context.subject() + " was wrapped under master key "
                            + wrapped.masterKeyId() + " but this node's master key is " + id()
                            + " (was the master key file replaced or restored from another node?)",
                    null);
        }
        byte[] plain = null;
        try {
            Cipher cipher = gcm(Cipher.DECRYPT_MODE, wrapped.nonce(), header, context);
            plain = cipher.doFinal(wrapped.sealed());
            return ContentKey.fromBytes(plain);
        } catch (AEADBadTagException e) {
            throw new KeyUnwrapException(
                    KeyUnwrapException.Reason.AUTHENTICATION_FAILED,
                    "the wrapped key given for " + context.purpose() + " " + context.subject()
                            + " does not authenticate under master key " + id()
                            + ": it was altered or belongs to another " + context.purpose(),
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this JDK", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** The raw key, for {@link MasterKeyFile} to write. */
    byte[] toBytes() {
        return key.clone();
    }

    private Cipher gcm(int mode, byte[] nonce, byte[] header, KeyContext context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(GCM);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(WrappedKey.TAG_LENGTH * 8, nonce));
        cipher.updateAAD(header);
        cipher.updateAAD(context.associatedData());
        return cipher;
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id() + "]";
    }
}
