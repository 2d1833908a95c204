package dev.cairn.adapters.http.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The hook's configuration fails fast, names the variable, and never repeats the secret. */
class TusHookConfigTest {
    private static final Path DIR = Path.of("/srv/tusd");

    @Test
    void aShortSecretIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new TusHookConfig("short-secret-15", DIR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TUS_HOOK_SECRET")
                .hasMessageContaining("15")
                .hasMessageNotContaining("short-secret-15");
    }

    @Test
    void aSecretThatWouldNeedEncodingInTheUrlIsRefused() {
        assertThatThrownBy(() -> new TusHookConfig("0123456789abcdef&x=1", DIR))
                .hasMessageContaining("TUS_HOOK_SECRET")
                .hasMessageNotContaining("&x=1");
    }

    @Test
    void theUploadDirectoryIsAbsolute() {
        assertThatThrownBy(() -> new TusHookConfig("0123456789abcdef", Path.of("data/tusd")))
                .hasMessageContaining("TUS_HOOK_UPLOAD_DIR");
    }

    @Test
    void itsTextLeavesTheSecretOut() {
        assertThat(new TusHookConfig("0123456789abcdef", DIR).toString())
                .doesNotContain("0123456789abcdef")
                .contains("/srv/tusd");
    }
}
