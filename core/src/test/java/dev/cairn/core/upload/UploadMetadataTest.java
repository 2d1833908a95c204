package dev.cairn.core.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UploadMetadataTest {

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static void invalid(Runnable check, String phrase) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(UploadException.class, e -> {
            assertThat(e.reason()).isEqualTo(UploadFailure.INVALID_METADATA);
            assertThat(e.getMessage()).contains(phrase);
        });
    }

    @Test
    void theHeaderIsPairsOfKeysAndBase64Values() {
        String header = "filename " + b64("Été à Paris.mp3") + ",title " + b64("Été") + ", is_confidential,filetype "
                + b64("audio/mpeg");

        Map<String, String> metadata = UploadMetadata.parse(header);

        assertThat(metadata)
                .containsExactly(
                        Map.entry("filename", "Été à Paris.mp3"),
                        Map.entry("title", "Été"),
                        Map.entry("is_confidential", ""),
                        Map.entry("filetype", "audio/mpeg"));
        assertThat(UploadMetadata.fileName(metadata)).contains("Été à Paris.mp3");
        assertThat(UploadMetadata.title(metadata)).isEqualTo("Été");
        assertThat(UploadMetadata.declaredType(metadata)).contains("audio/mpeg");
        assertThat(UploadMetadata.parse("")).isEmpty();
    }

    @Test
    void theTitleFallsBackToTheFileNameAndAnEmptyTypeIsNone() {
        Map<String, String> metadata = Map.of("filename", "a.bin", "filetype", "");

        assertThat(UploadMetadata.title(metadata)).isEqualTo("a.bin");
        assertThat(UploadMetadata.declaredType(metadata)).isEmpty();
        assertThat(UploadMetadata.title(Map.of())).isEmpty();
        assertThat(UploadMetadata.fileName(Map.of("filename", ""))).isEqualTo(Optional.empty());
    }

    @Test
    void valuesMustBeBase64OfUtf8() {
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[] {'a', (byte) 0xc3, 0x28});

        invalid(() -> UploadMetadata.parse("title " + notUtf8), "not UTF-8");
        invalid(() -> UploadMetadata.parse("title %%%"), "not Base64");
    }

    @Test
    void keysAreNonEmptyPrintableAsciiAndAppearOnce() {
        invalid(() -> UploadMetadata.parse("title " + b64("a") + ",title " + b64("b")), "twice");
        invalid(() -> UploadMetadata.parse("title " + b64("a") + ",,filename " + b64("b")), "key");
        invalid(() -> UploadMetadata.check(Map.of("tïtle", "x")), "key");
    }

    @Test
    void lengthsAreBounded() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= UploadMetadata.MAX_PAIRS; i++) {
            many.put("k" + i, "v");
        }

        invalid(() -> UploadMetadata.check(many), "33 keys");
        invalid(() -> UploadMetadata.check(Map.of("filename", "é".repeat(128) + ".mp3")), "260 bytes");
        invalid(() -> UploadMetadata.check(Map.of("title", "é".repeat(257))), "257 characters");
        invalid(() -> UploadMetadata.check(Map.of("note", "x".repeat(1025))), "1025 bytes");
        invalid(() -> UploadMetadata.parse("x".repeat(16 * 1024 + 1)), "Upload-Metadata is");
        UploadMetadata.check(Map.of("title", "🎵".repeat(256), "filename", "é".repeat(125) + ".mp3"));
    }

    @Test
    void aFileNameNamesNoDirectoryAndNothingHoldsControlCharacters() {
        invalid(() -> UploadMetadata.check(Map.of("filename", "../etc/passwd")), "names no directory");
        invalid(() -> UploadMetadata.check(Map.of("filename", "a\\b")), "names no directory");
        invalid(() -> UploadMetadata.check(Map.of("filename", "..")), "names no directory");
        invalid(() -> UploadMetadata.check(Map.of("title", "line\nbreak")), "control character");
        invalid(() -> UploadMetadata.check(Map.of("title", "nul\0")), "control character");
        invalid(() -> UploadMetadata.check(Map.of("title", "lone \ud800 surrogate")), "not valid Unicode");
    }

    @Test
    void theFileTypeIsAMediaType() {
        UploadMetadata.check(Map.of("filetype", "audio/ogg; codecs=opus"));
        UploadMetadata.check(Map.of("filetype", "application/vnd.ms-excel"));

        invalid(() -> UploadMetadata.check(Map.of("filetype", "mp3")), "media type");
        invalid(() -> UploadMetadata.check(Map.of("filetype", "audio/ mpeg")), "media type");
    }

    @Test
    void anUploadWithBadMetadataIsNotCreated() throws Exception {
        try (var node = new UploadFixture(java.nio.file.Files.createTempDirectory("meta"), 1)) {
            invalid(
                    () -> node.service.create(
                            UploadFixture.ALICE,
                            java.util.OptionalLong.of(10),
                            Map.of("filename", "a/b"),
                            Concatenation.NONE),
                    "names no directory");
            assertThat(node.spool.list()).isEmpty();
        }
    }
}
