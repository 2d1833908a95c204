package dev.cairn.core.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.crypto.cipher.CryptoCipher;
import org.apache.commons.crypto.cipher.CryptoCipherFactory;
import org.apache.commons.crypto.stream.CtrCryptoInputStream;
import org.apache.commons.crypto.stream.CtrCryptoOutputStream;
import org.junit.jupiter.api.Test;

class CtrCipherTest {
    private static final HexFormat HEX = HexFormat.of();

    static byte[] encrypt(CtrCipher cipher, ContentKey key, long offset, byte[] plaintext) throws IOException {
        var out = new ByteArrayOutputStream();
        try (OutputStream encrypting = cipher.encrypting(key, offset, Channels.newChannel(out))) {
            encrypting.write(plaintext);
        }
        return out.toByteArray();
    }

    static byte[] decrypt(CtrCipher cipher, ContentKey key, long offset, byte[] ciphertext) throws IOException {
        try (InputStream in =
                cipher.decrypting(key, offset, Channels.newChannel(new java.io.ByteArrayInputStream(ciphertext)))) {
            return in.readAllBytes();
        }
    }

    /** The JDK's AES/CTR, used directly: an oracle independent of Commons Crypto's stream arithmetic. */
    static byte[] jceReference(ContentKey key, byte[] plaintext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.key(), "AES"), new IvParameterSpec(key.iv()));
        return cipher.doFinal(plaintext);
    }

    @Test
    void encryption_matches_the_nist_sp_800_38a_aes_256_ctr_vector() throws IOException {
        // NIST SP 800-38A, F.5.5 CTR-AES256.Encrypt
        var key = ContentKey.fromBytes(HEX.parseHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"
                + "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"));
        byte[] plaintext = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        String expected = "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
                + "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6";

        assertThat(HEX.formatHex(encrypt(CtrCipher.preferOpenSsl(), key, 0, plaintext)))
                .isEqualTo(expected);
        assertThat(HEX.formatHex(encrypt(CtrCipher.jce(), key, 0, plaintext))).isEqualTo(expected);
        // Starting mid-way: the third block, then mid-block.
        assertThat(HEX.formatHex(encrypt(CtrCipher.preferOpenSsl(), key, 32, Arrays.copyOfRange(plaintext, 32, 64))))
                .isEqualTo(expected.substring(64));
        assertThat(HEX.formatHex(encrypt(CtrCipher.preferOpenSsl(), key, 37, Arrays.copyOfRange(plaintext, 37, 64))))
                .isEqualTo(expected.substring(74));
    }

    @Test
    void the_counter_is_all_128_bits_and_wraps_around_like_the_jdk_cipher() throws Exception {
        byte[] keyAndIv = new byte[48];
        Arrays.fill(keyAndIv, 32, 48, (byte) 0xff); // IV = 2^128 - 1: the second block's counter is 0
        var key = ContentKey.fromBytes(keyAndIv);
        byte[] plaintext = new byte[80];
        byte[] reference = jceReference(key, plaintext);

        for (int offset : new int[] {0, 15, 16, 17, 33}) {
            assertThat(encrypt(CtrCipher.preferOpenSsl(), key, offset, Arrays.copyOfRange(plaintext, offset, 80)))
                    .as("from offset %d", offset)
                    .isEqualTo(Arrays.copyOfRange(reference, offset, 80));
        }
    }

    @Property(tries = 1000)
    void encrypting_or_decrypting_from_any_offset_matches_the_jdk_cipher_run_from_the_start(
            @ForAll @IntRange(max = 600) int size, @ForAll @IntRange(max = 600) int start, @ForAll long seed)
            throws Exception {
        int offset = Math.min(start, size);
        var key = ContentKey.generate(TestRandom.seeded(seed));
        byte[] plaintext = new byte[size];
        new java.util.Random(seed).nextBytes(plaintext);
        byte[] reference = jceReference(key, plaintext);

        byte[] ciphertext =
                encrypt(CtrCipher.preferOpenSsl(), key, offset, Arrays.copyOfRange(plaintext, offset, size));
        assertThat(ciphertext).isEqualTo(Arrays.copyOfRange(reference, offset, size));
        assertThat(decrypt(CtrCipher.preferOpenSsl(), key, offset, ciphertext))
                .isEqualTo(Arrays.copyOfRange(plaintext, offset, size));
    }

    @Property(tries = 1000)
    void positioning_agrees_with_commons_cryptos_own_ctr_streams(
            @ForAll @IntRange(max = 600) int size, @ForAll @IntRange(max = 600) int start, @ForAll long seed)
            throws IOException {
        int offset = Math.min(start, size);
        var key = ContentKey.generate(TestRandom.seeded(seed));
        byte[] tail = new byte[size - offset];
        new java.util.Random(seed).nextBytes(tail);
        var props = new Properties();
        props.setProperty(
                CryptoCipherFactory.CLASSES_KEY,
                CtrCipher.preferOpenSsl().engine().implementation());

        var theirs = new ByteArrayOutputStream();
        try (var out = new CtrCryptoOutputStream(props, theirs, key.key(), key.iv(), offset)) {
            out.write(tail);
        }
        byte[] ours = encrypt(CtrCipher.preferOpenSsl(), key, offset, tail);

        assertThat(ours).isEqualTo(theirs.toByteArray());
        try (var in = new CtrCryptoInputStream(props, new ByteArrayInputStream(ours), key.key(), key.iv(), offset)) {
            assertThat(in.readAllBytes()).isEqualTo(tail);
        }
    }

    @Test
    void the_counter_block_adds_the_block_index_to_the_iv_with_carries_across_all_16_bytes() {
        assertThat(HEX.formatHex(CtrCipher.counterBlock(HEX.parseHex("000000000000000000000000000000ff"), 1)))
                .isEqualTo("00000000000000000000000000000100");
        assertThat(HEX.formatHex(CtrCipher.counterBlock(HEX.parseHex("0000000000000000ffffffffffffffff"), 1)))
                .isEqualTo("00000000000000010000000000000000");
        assertThat(HEX.formatHex(CtrCipher.counterBlock(HEX.parseHex("ffffffffffffffffffffffffffffffff"), 2)))
                .isEqualTo("00000000000000000000000000000001");
        assertThat(HEX.formatHex(CtrCipher.counterBlock(HEX.parseHex("00000000000000000000000000000001"), -1L)))
                .as("the block index is unsigned")
                .isEqualTo("00000000000000010000000000000000");
    }

    @Test
    void the_reported_engine_is_the_one_commons_crypto_hands_out() throws Exception {
        CipherEngine engine = CtrCipher.preferOpenSsl().engine();
        var props = new Properties();
        props.setProperty(CryptoCipherFactory.CLASSES_KEY, engine.implementation());

        try (CryptoCipher cipher = CryptoCipherFactory.getCryptoCipher(CtrCipher.TRANSFORMATION, props)) {
            assertThat(cipher.getClass().getName()).isEqualTo(engine.implementation());
        }
        assertThat(engine.implementation()).isIn(CtrCipher.OPENSSL_CIPHER, CtrCipher.JCE_CIPHER);
        assertThat(engine.openSslProblem().isPresent()).isEqualTo(!engine.isOpenSsl());
        System.out.println("AES-CTR engine here: " + engine);
    }
}
