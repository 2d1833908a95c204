package dev.cairn.app.config;

import static dev.cairn.app.config.NodeConfigTest.failure;
import static dev.cairn.app.config.NodeConfigTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.postgres.DatabaseUrl;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseVariablesTest {
    @Test
    void theAdapterParsesTheUrlInEitherForm() {
        assertThat(parse(Map.of("DATABASE_URL", "postgres://cairn:p%40ss@db/cairn?sslmode=require"))
                        .storage()
                        .database()
                        .url())
                .contains(new DatabaseUrl(
                        "jdbc:postgresql://db:5432/cairn?sslmode=require", Optional.of("cairn"), Optional.of("p@ss")));
        assertThat(parse(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/cairn"))
                        .storage()
                        .database()
                        .url()
                        .orElseThrow()
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/cairn");
    }

    @Test
    void eachBadValueIsTheAdaptersMessageWithTheValueAndWhatIsAllowed() {
        assertThat(failure(Map.of("DATABASE_POOL_SIZE", "0")).getMessage())
                .isEqualTo("DATABASE_POOL_SIZE='0' must be from 1 to 200, got 0; allowed: an integer from 1 to 200");
        assertThat(failure(Map.of("DATABASE_POOL_SIZE", "many")).getMessage())
                .isEqualTo("DATABASE_POOL_SIZE='many' must be a whole number, got 'many';"
                        + " allowed: an integer from 1 to 200");
        assertThat(failure(Map.of("DATABASE_CONNECTION_TIMEOUT_MS", "100")).getMessage())
                .isEqualTo("DATABASE_CONNECTION_TIMEOUT_MS='100' must be from 250 to 600000 ms, got 100;"
                        + " allowed: an integer from 250 to 600000 (milliseconds)");
        assertThat(failure(Map.of("DATABASE_EMBEDDED_USER", "0:0")).getMessage())
                .startsWith("DATABASE_EMBEDDED_USER='0:0' must be a numeric uid:gid other than root")
                .endsWith("; allowed: a numeric uid:gid other than root, such as 65534:65534");
        assertThat(failure(Map.of("DATABASE_URL", "mysql://db/cairn")).getMessage())
                .startsWith("DATABASE_URL='mysql://db/cairn' must start with postgres://, postgresql:// or"
                        + " jdbc:postgresql://; its scheme is 'mysql'; allowed: postgres://");
    }

    @Test
    void aBadUrlNeverShowsItsPassword() {
        for (String url : new String[] {
            "mysql://cairn:hunter2@db/cairn",
            "postgres://cairn:hunter2@db/cairn/extra",
            "postgres://cairn:hun%zzter2@db/cairn",
            "postgres://cairn:hun/ter2@db/cairn",
            "postgres//cairn:hunter2@db/cairn",
            "jdbc:mysql://db/cairn?user=cairn&password=hunter2"
        }) {
            ConfigException e = failure(Map.of("DATABASE_URL", url));
            assertThat(e.problems()).as(url).extracting(ConfigProblem::variable).containsExactly("DATABASE_URL");
            assertThat(e.getMessage()).as(url).doesNotContain("hunter2").doesNotContain("ter2");
        }
    }

    @Test
    void everyBadDatabaseVariableIsReportedAtOnce() {
        ConfigException e = failure(Map.of(
                "DATABASE_URL", "mysql://db/cairn",
                "DATABASE_POOL_SIZE", "201",
                "DATABASE_CONNECTION_TIMEOUT_MS", "soon",
                "DATABASE_EMBEDDED_USER", "root"));

        assertThat(e.problems())
                .extracting(ConfigProblem::variable)
                .containsExactly(
                        "DATABASE_URL",
                        "DATABASE_POOL_SIZE",
                        "DATABASE_CONNECTION_TIMEOUT_MS",
                        "DATABASE_EMBEDDED_USER");
    }

    @Test
    void aBlankValueIsUnset() {
        var database = parse(Map.of("DATABASE_URL", " ", "DATABASE_CONNECTION_TIMEOUT_MS", ""))
                .storage()
                .database();

        assertThat(database.url()).isEmpty();
        assertThat(database.connectionTimeout()).isEqualTo(Duration.ofSeconds(10));
    }
}
