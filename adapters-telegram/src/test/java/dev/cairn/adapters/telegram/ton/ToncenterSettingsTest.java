package dev.cairn.adapters.telegram.ton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToncenterSettingsTest {
    static final URI BASE = URI.create("https://toncenter.com/api/v2");

    @Test
    void withoutAnApiKeyPagesArePacedUnderTheOneRequestASecondLimit() {
        assertThat(ToncenterSettings.of(BASE, "UQabc", Optional.empty()).pagePause())
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(ToncenterSettings.of(BASE, "UQabc", Optional.of("k")).pagePause())
                .isZero();
    }

    @Test
    void refusesWhatCannotWorkNamingTheValue() {
        var ok = ToncenterSettings.of(BASE, "UQabc", Optional.empty());
        assertThatThrownBy(() -> ok.withPaging(101, 1)).hasMessageContaining("got 101");
        assertThatThrownBy(() -> ok.withPaging(1, 1)).hasMessageContaining("got 1");
        assertThatThrownBy(() -> ok.withPaging(10, 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> ToncenterSettings.of(URI.create("ftp://x/api/v2"), "UQabc", Optional.empty()))
                .hasMessageContaining("ftp://x/api/v2");
        assertThatThrownBy(() -> ToncenterSettings.of(BASE, " ", Optional.empty()))
                .hasMessageContaining("wallet");
        assertThatThrownBy(() -> ok.withReadTimeout(Duration.ZERO)).hasMessageContaining("PT0S");
    }

    @Test
    void neverShowsTheApiKey() {
        assertThat(ToncenterSettings.of(BASE, "UQabc", Optional.of("s3cret")).toString())
                .doesNotContain("s3cret")
                .contains("(set)");
    }
}
