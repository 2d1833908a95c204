package dev.cairn.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseUrlTest {
    @Test
    void aPostgresUrlBecomesAJdbcUrlWithItsCredentials() {
        var url = DatabaseUrl.parse("postgres://cairn:s3cret@db.internal:6543/cairn_prod?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/cairn_prod?sslmode=require");
        assertThat(url.user()).contains("cairn");
        assertThat(url.password()).contains("s3cret");
    }

    @Test
    void thePostgresqlSchemeAndTheDefaultPortAreAccepted() {
        var url = DatabaseUrl.parse("postgresql://db.internal/cairn");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/cairn");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
    }

    @Test
    void percentEncodedUserAndPasswordAreDecodedAndPlusStaysAPlus() {
        var url = DatabaseUrl.parse("postgres://us%40er:p%3Aa%2Fss+word%25@[::1]:5433/cairn");

        assertThat(url.user()).contains("us@er");
        assertThat(url.password()).contains("p:a/ss+word%");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/cairn");
    }

    @Test
    void aJdbcUrlIsTakenAsItIs() {
        String jdbc = "jdbc:postgresql://localhost:5432/cairn?user=cairn&password=hunter2&sslmode=disable";
        var url = DatabaseUrl.parse(jdbc);

        assertThat(url.jdbcUrl()).isEqualTo(jdbc);
        assertThat(url.toString()).doesNotContain("hunter2").contains("password=***");
    }

    @Test
    void neitherMessagesNorToStringEverShowThePassword() {
        var url = DatabaseUrl.parse("postgres://cairn:hunter2@db:5432/cairn");
        assertThat(url.toString()).doesNotContain("hunter2").contains("cairn");

        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://cairn:hunter2@db:notaport/cairn"))
                .hasMessageStartingWith("DATABASE_URL")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://cairn:hun ter2@db/cairn"))
                .hasMessageStartingWith("DATABASE_URL")
                .hasMessageNotContaining("hun ter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://cairn:hunter2%zz@db/cairn"))
                .hasMessageContaining("Malformed escape pair")
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "mysql://root:pw@db/cairn | scheme is 'mysql'",
                "db.internal:5432/cairn | must start with postgres://",
                "postgres:///cairn | no valid host",
                "postgres://db:99999/cairn | port 99999",
                "postgres://db:5432 | must name one database",
                "postgres://db:5432/a/b | must name one database",
                "jdbc:mysql://db/cairn | JDBC URL for another database",
                "jdbc:postgresql://db:abc/cairn | not a PostgreSQL JDBC URL",
            })
    void aBadUrlIsRefusedNamingTheVariableAndTheProblem(String value, String problem) {
        assertThatThrownBy(() -> DatabaseUrl.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_URL ")
                .hasMessageContaining(problem);
    }

    @Test
    void anEmptyUrlIsRefused() {
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessage("DATABASE_URL is empty");
    }

    @Test
    void settingsFromTheEnvironmentUseTheUrlWhenSetAndTheEmbeddedServerOtherwise() {
        Path dataDir = Path.of("/var/lib/cairn");
        var external = DatabaseSettings.fromEnvironment(
                Map.of("DATABASE_URL", "postgres://db/cairn", "DATABASE_POOL_SIZE", "7"), dataDir);
        var embedded = DatabaseSettings.fromEnvironment(Map.of(), dataDir);

        assertThat(external.url()).map(DatabaseUrl::jdbcUrl).contains("jdbc:postgresql://db:5432/cairn");
        assertThat(external.poolSize()).isEqualTo(7);
        assertThat(embedded.url()).isEqualTo(Optional.empty());
        assertThat(embedded.embeddedDataDirectory()).isEqualTo(Path.of("/var/lib/cairn/postgres"));
        assertThat(embedded.embeddedUser()).isEqualTo(UnixUser.NOBODY);
    }

    @Test
    void badPoolSettingsNameTheVariable() {
        Path dataDir = Path.of("/var/lib/cairn");
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(Map.of("DATABASE_POOL_SIZE", "many"), dataDir))
                .hasMessage("DATABASE_POOL_SIZE must be a whole number, got 'many'");
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(Map.of("DATABASE_POOL_SIZE", "0"), dataDir))
                .hasMessage("DATABASE_POOL_SIZE must be from 1 to 200, got 0");
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(Map.of("DATABASE_EMBEDDED_USER", "0:0"), dataDir))
                .hasMessageStartingWith("DATABASE_EMBEDDED_USER must be a numeric uid:gid other than root");
    }

    @Test
    void theDefaultPoolIsTwiceTheCoresPlusOneWithinFourAndThirtyTwo() {
        assertThat(DatabaseSettings.poolSizeFor(1)).isEqualTo(4);
        assertThat(DatabaseSettings.poolSizeFor(2)).isEqualTo(5);
        assertThat(DatabaseSettings.poolSizeFor(8)).isEqualTo(17);
        assertThat(DatabaseSettings.poolSizeFor(64)).isEqualTo(32);
    }
}
