package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
    @TempDir
    Path tmp;

    @Test
    void dataDirDefaultsToDataInTheWorkingDirectory() {
        assertThat(NodeConfig.fromEnv(Map.of()).dataDir())
                .isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void aRelativeDataDirIsResolvedAgainstTheWorkingDirectory() {
        assertThat(NodeConfig.fromEnv(Map.of("DATA_DIR", "x/../node-1")).dataDir())
                .isEqualTo(Path.of("node-1").toAbsolutePath());
    }

    @Test
    void theKeyLivesInTheDataDir() {
        assertThat(NodeConfig.fromEnv(Map.of("DATA_DIR", tmp.toString())).nodeKeyFile())
                .isEqualTo(tmp.resolve("node.key"));
    }

    @Test
    void badValuesNameTheVariableTheValueAndWhatIsAllowed() throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));

        assertThatThrownBy(() -> NodeConfig.fromEnv(Map.of("DATA_DIR", " ")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DATA_DIR=' ' is empty; allowed: a path to a directory, created if missing"
                        + " (unset: ./data relative to the working directory)");
        assertThatThrownBy(() -> NodeConfig.fromEnv(Map.of("DATA_DIR", file.toString())))
                .hasMessageStartingWith("DATA_DIR='" + file + "' is not a directory; allowed: ");
        assertThatThrownBy(() -> NodeConfig.fromEnv(Map.of("DATA_DIR", "a\0b")))
                .hasMessageStartingWith("DATA_DIR='a\0b' is not a valid path");
    }

    @Test
    void createDataDirMakesMissingParentsAndIsIdempotent() {
        var config = NodeConfig.fromEnv(Map.of("DATA_DIR", tmp.resolve("a/b/c").toString()));

        assertThat(config.createDataDir()).isDirectory();
        assertThat(config.createDataDir()).isDirectory();
    }
}
