package dev.cairn.core.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MasterKeyTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ContentId CONTENT = new ContentId(Digest256.blake3(new byte[] {1, 2, 3}));
    private static final ContentId OTHER_CONTENT = new ContentId(Digest256.blake3(new byte[] {4, 5, 6}));

    private final MasterKey master = MasterKey.generate(TestRandom.seeded(1));
    private final ContentKey contentKey = ContentKey.generate(TestRandom.seeded(2));

    @Test
    void a_wrapped_key_unwraps_to_the_same_key() {
        WrappedKey wrapped = master.wrap(contentKey, KeyContext.content(CONTENT));

        assertThat(master.unwrap(wrapped, KeyContext.content(CONTENT))).isEqualTo(contentKey);
        assertThat(wrapped.toBytes()).hasSize(WrappedKey.LENGTH).hasSize(81);
        assertThat(wrapped.masterKeyId()).isEqualTo(master.id());
    }

    @Test
    void the_stored_form_parses_back_to_an_equal_wrapped_key() {
        WrappedKey wrapped = master.wrap(contentKey, KeyContext.content(CONTENT));

        WrappedKey parsed = WrappedKey.fromBytes(wrapped.toBytes());

        assertThat(parsed).isEqualTo(wrapped);
        assertThat(master.unwrap(parsed, KeyContext.content(CONTENT))).isEqualTo(contentKey);
    }

    @Test
    void wrapping_twice_gives_different_bytes_that_both_unwrap() {
        WrappedKey first = master.wrap(contentKey, KeyContext.content(CONTENT));
        WrappedKey second = master.wrap(contentKey, KeyContext.content(CONTENT));

        assertThat(first).isNotEqualTo(second);
        assertThat(master.unwrap(second, KeyContext.content(CONTENT))).isEqualTo(contentKey);
    }

    @Test
    void unwrapping_under_another_master_key_fails_naming_both_key_ids() {
        WrappedKey wrapped = master.wrap(contentKey, KeyContext.content(CONTENT));
        MasterKey other = MasterKey.generate(TestRandom.seeded(99));

        assertThatThrownBy(() -> other.unwrap(wrapped, KeyContext.content(CONTENT)))
                .isInstanceOfSatisfying(
                        KeyUnwrapException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyUnwrapException.Reason.WRONG_MASTER_KEY))
                .hasMessageContaining(master.id())
                .hasMessageContaining(other.id())
                .hasMessageContaining(CONTENT.hex());
    }

    @Test
    void a_key_wrapped_for_one_content_does_not_unwrap_for_another() {
        WrappedKey wrapped = master.wrap(contentKey, KeyContext.content(CONTENT));

        assertThatThrownBy(() -> master.unwrap(wrapped, KeyContext.content(OTHER_CONTENT)))
                .isInstanceOfSatisfying(
                        KeyUnwrapException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyUnwrapException.Reason.AUTHENTICATION_FAILED))
                .hasMessageContaining(OTHER_CONTENT.hex());
        assertThatThrownBy(() -> master.unwrap(wrapped, KeyContext.upload(CONTENT.hex())))
                .isInstanceOf(KeyUnwrapException.class);
    }

    @Property(tries = 1000)
    void flipping_any_bit_of_a_wrapped_key_is_detected(
            @ForAll @IntRange(max = WrappedKey.LENGTH - 1) int index, @ForAll @IntRange(max = 7) int bit) {
        byte[] bytes = master.wrap(contentKey, KeyContext.content(CONTENT)).toBytes();
        bytes[index] ^= (byte) (1 << bit);

        if (index == 0) {
            assertThatThrownBy(() -> WrappedKey.fromBytes(bytes))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown wrapped key version");
            return;
        }
        var expected = index < WrappedKey.HEADER_LENGTH
                ? KeyUnwrapException.Reason.WRONG_MASTER_KEY
                : KeyUnwrapException.Reason.AUTHENTICATION_FAILED;
        assertThatThrownBy(() -> master.unwrap(WrappedKey.fromBytes(bytes), KeyContext.content(CONTENT)))
                .isInstanceOfSatisfying(
                        KeyUnwrapException.class, e -> assertThat(e.reason()).isEqualTo(expected));
    }

    @Test
    void a_stored_wrapped_key_of_the_wrong_length_is_rejected_naming_the_length() {
        assertThatThrownBy(() -> WrappedKey.fromBytes(new byte[40]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("81 bytes, got 40");
    }

    @Test
    void no_key_type_prints_key_material() {
        byte[] raw = master.toBytes();
        byte[] content = contentKey.toBytes();
        WrappedKey wrapped = master.wrap(contentKey, KeyContext.content(CONTENT));

        String printed = master + " " + contentKey + " " + wrapped;

        assertThat(printed)
                .doesNotContain(HEX.formatHex(raw).substring(0, 8))
                .doesNotContain(HEX.formatHex(content).substring(0, 8))
                .doesNotContain(HEX.formatHex(wrapped.toBytes(), 5, 13))
                .contains("MasterKey[id=" + master.id() + "]", "ContentKey[redacted]");
        assertThat(contentKey.hashCode())
                .isEqualTo(ContentKey.generate(TestRandom.seeded(77)).hashCode());
    }

    @Test
    void master_keys_of_the_wrong_length_are_rejected() {
        assertThatThrownBy(() -> MasterKey.of(new byte[16], TestRandom.seeded(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes, got 16");
    }

    @Test
    void key_contexts_reject_ambiguous_or_empty_parts() {
        assertThatThrownBy(() -> new KeyContext("Content", "x")).hasMessageContaining("'Content'");
        assertThatThrownBy(() -> new KeyContext("content", "")).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> new KeyContext("content", "a\0b")).hasMessageContaining("a\\0b");
    }

    /**
     * The v1 format pinned down for other implementations: also in docs/encryption.md, and checked there against
     * Python's {@code cryptography} AESGCM.
     */
    @Test
    void wrapping_matches_the_documented_test_vector() {
        MasterKey fixed = MasterKey.of(
                HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"),
                TestRandom.counting(0xa0));
        ContentKey key = ContentKey.fromBytes(HEX.parseHex(
                "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f"));
        ContentId id = new ContentId(Digest256.blake3(new byte[0]));

        WrappedKey wrapped = fixed.wrap(key, KeyContext.content(id));

        assertThat(id.hex()).isEqualTo("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
        assertThat(fixed.id()).isEqualTo(VECTOR_MASTER_KEY_ID);
        assertThat(HEX.formatHex(wrapped.toBytes())).isEqualTo(VECTOR_WRAPPED);
        assertThat(fixed.unwrap(WrappedKey.fromBytes(HEX.parseHex(VECTOR_WRAPPED)), KeyContext.content(id)))
                .isEqualTo(key);
    }

    static final String VECTOR_MASTER_KEY_ID = "d8eec4eb";
    static final String VECTOR_WRAPPED = "01d8eec4eb" // version, master key id
            + "a0a1a2a3a4a5a6a7a8a9aaab" // nonce
            + "c6395e0e61ee24984a4cadf82b57eef1409d6b23a682745ba4371cbd43964b3e"
            + "923705bceb67157a17d54e834537cdb6" // sealed key and IV
            + "a789813cdd3b6a5a6a30a1a543cb3582"; // tag
}
