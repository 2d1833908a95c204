package dev.cairn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
    @TempDir
    Path tmp;

    @Test
    void dataDirDefaultsToDataInTheWorkingDirectory() {
        assertThat(DataDir.fromEnv(Map.of()).dataDir())
                .isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void aRelativeDataDirIsResolvedAgainstTheWorkingDirectory() {
        assertThat(DataDir.fromEnv(Map.of("DATA_DIR", "x/../node-1")).dataDir())
                .isEqualTo(Path.of("node-1").toAbsolutePath());
    }

    @Test
    void theKeysLiveInTheDataDir() {
        assertThat(DataDir.fromEnv(Map.of("DATA_DIR", tmp.toString())).nodeKeyFile())
                .isEqualTo(tmp.resolve("node.key"));
        assertThat(DataDir.fromEnv(Map.of("DATA_DIR", tmp.toString())).masterKeyFile())
                .isEqualTo(tmp.resolve("master.key"));
    }

    @Test
    void badValuesNameTheVariableTheValueAndWhatIsAllowed() throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));

        assertThatThrownBy(() -> DataDir.fromEnv(Map.of("DATA_DIR", " ")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DATA_DIR=' ' is empty; allowed: a path to a directory, created if missing"
                        + " (unset: ./data relative to the working directory)");
        assertThatThrownBy(() -> DataDir.fromEnv(Map.of("DATA_DIR", file.toString())))
                .hasMessageStartingWith("DATA_DIR='" + file + "' is not a directory; allowed: ");
        assertThatThrownBy(() -> DataDir.fromEnv(Map.of("DATA_DIR", "a\0b")))
                .hasMessageStartingWith("DATA_DIR='a\0b' is not a valid path");
    }

    @Test
    void createDataDirMakesMissingParentsAndIsIdempotent() {
        var config = DataDir.fromEnv(Map.of("DATA_DIR", tmp.resolve("a/b/c").toString()));

        assertThat(config.createDataDir()).isDirectory();
        assertThat(config.createDataDir()).isDirectory();
    }
}
