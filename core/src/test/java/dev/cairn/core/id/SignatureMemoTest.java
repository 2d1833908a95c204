package dev.cairn.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.canonical.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignatureMemoTest {
    private final NodeIdentity alice = NodeIdentity.fromSeed(HexFormat.of().parseHex("01".repeat(32)));
    private final NodeIdentity mallory = NodeIdentity.fromSeed(HexFormat.of().parseHex("02".repeat(32)));
    private final byte[] message = "a receipt".getBytes(StandardCharsets.UTF_8);
    private final AtomicInteger checks = new AtomicInteger();
    private final SignatureVerifier counting = (key, m, s) -> {
        checks.incrementAndGet();
        return key.verify(m, s);
    };

    @Test
    void a_valid_signature_is_verified_once_and_then_answered_from_the_memo() {
        var memo = new SignatureMemo(counting, 16);
        byte[] signature = alice.sign(message);

        assertThat(memo.verify(alice.publicKey(), message, signature)).isTrue();
        assertThat(memo.verify(alice.publicKey(), message.clone(), signature.clone()))
                .isTrue();

        assertThat(checks).hasValue(1);
        assertThat(memo.hits()).isEqualTo(1);
        assertThat(memo.misses()).isEqualTo(1);
    }

    @Test
    void a_forged_signature_is_never_accepted_even_after_the_genuine_one_was_remembered() {
        var memo = new SignatureMemo(counting, 16);
        byte[] genuine = alice.sign(message);
        assertThat(memo.verify(alice.publicKey(), message, genuine)).isTrue();

        byte[] altered = genuine.clone();
        altered[5] ^= 1;
        byte[] otherMessage = "another receipt".getBytes(StandardCharsets.UTF_8);

        assertThat(memo.verify(alice.publicKey(), message, altered)).isFalse();
        assertThat(memo.verify(alice.publicKey(), otherMessage, genuine)).isFalse();
        assertThat(memo.verify(mallory.publicKey(), message, genuine)).isFalse();
        assertThat(memo.verify(alice.publicKey(), message, mallory.sign(message)))
                .isFalse();
        assertThat(checks).hasValue(5);
    }

    @Test
    void failures_are_not_remembered_so_each_is_checked_again() {
        var memo = new SignatureMemo(counting, 16);
        byte[] bad = new byte[Ed25519.SIGNATURE_LENGTH];

        assertThat(memo.verify(alice.publicKey(), message, bad)).isFalse();
        assertThat(memo.verify(alice.publicKey(), message, bad)).isFalse();

        assertThat(checks).hasValue(2);
        assertThat(memo.size()).isZero();
    }

    @Test
    void the_least_recently_used_entry_is_forgotten_beyond_capacity() {
        var memo = new SignatureMemo(counting, 2);
        byte[] one = "one".getBytes(StandardCharsets.UTF_8);
        byte[] two = "two".getBytes(StandardCharsets.UTF_8);
        byte[] three = "three".getBytes(StandardCharsets.UTF_8);
        memo.verify(alice.publicKey(), one, alice.sign(one));
        memo.verify(alice.publicKey(), two, alice.sign(two));
        memo.verify(alice.publicKey(), three, alice.sign(three));

        assertThat(memo.size()).isEqualTo(2);
        assertThat(memo.verify(alice.publicKey(), one, alice.sign(one))).isTrue();
        assertThat(checks).hasValue(4);
    }

    @Test
    void signed_json_checked_through_the_memo_refuses_a_tampered_structure() {
        var memo = new SignatureMemo(SignatureVerifier.direct(), 16);
        var kind = new SignatureKind("receipt");
        JsonObject signed = SignedJson.sign(
                alice, kind, JsonObject.builder().put("target", "x").build());
        SignedJson.verify(kind, signed, alice.publicKey(), memo);

        assertThatThrownBy(() -> SignedJson.verify(
                        kind,
                        signed.with("target", new dev.cairn.core.canonical.JsonString("y")),
                        alice.publicKey(),
                        memo))
                .isInstanceOf(InvalidSignatureException.class);
        assertThat(memo.hits()).isZero();
    }

    @Test
    void a_capacity_below_one_is_refused_naming_it() {
        assertThatThrownBy(() -> new SignatureMemo(SignatureVerifier.direct(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }
}
