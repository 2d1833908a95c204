package dev.cairn.adapters.http.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.ContentId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FileIdTest {
    private static final ContentId BLOB = ContentId.ofBlob(new byte[] {1, 2, 3});

    @Test
    void aBlobsFileIdIsItsContentIdInTheSameHex() {
        FileId id = FileId.of(BLOB);

        assertThat(id.hex()).isEqualTo(BLOB.hex());
        assertThat(id.asContentId()).isEqualTo(BLOB);
        assertThat(FileId.fromHex(BLOB.hex())).isEqualTo(id);
    }

    @Test
    void anythingBut64LowercaseHexIsRefusedNamingTheText() {
        String hex = BLOB.hex();
        for (String text : List.of(
                hex.toUpperCase(Locale.ROOT),
                hex.substring(1),
                hex + "0",
                "../../etc/passwd",
                hex.substring(2) + "..",
                hex.substring(1) + "\0",
                hex.substring(1) + "\\",
                "")) {
            assertThatThrownBy(() -> FileId.fromHex(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid file id: expected 64 lowercase hex characters");
        }
        assertThatThrownBy(() -> FileId.fromHex(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
