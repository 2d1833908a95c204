package dev.cairn.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose file and the Dockerfile checked without a Docker engine (there is none where the tests run): the YAML
 * parses, and the services, environment, volumes, networks and ports refer to each other consistently. {@code docker
 * compose config} checks the same file against Compose's own schema where an engine is at hand.
 */
class ComposeFileTest {
    static final Path ROOT = Path.of("..");
    static Map<String, Object> compose;
    static String dockerfile;

    @BeforeAll
    static void read() throws IOException {
        compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    }

    @Test
    void theNodeRunsWithPostgresAndKubo() {
        assertThat(services()).containsOnlyKeys("cairn", "postgres", "kubo");
        assertThat((String) service("postgres").get("image")).startsWith("postgres:17");
        assertThat((String) service("kubo").get("image")).startsWith("ipfs/kubo:");
    }

    @Test
    void theNodeStartsOnlyOnceItsDependenciesAreHealthy() {
        Map<String, Map<String, String>> dependsOn = map(service("cairn").get("depends_on"));

        assertThat(dependsOn).containsOnlyKeys("postgres", "kubo");
        dependsOn.forEach((name, condition) -> {
            assertThat(condition).containsEntry("condition", "service_healthy");
            assertThat(service(name)).containsKey("healthcheck");
        });
    }

    @Test
    void databaseUrlPointsAtThePostgresService() {
        Map<String, String> postgres = map(service("postgres").get("environment"));
        URI url = URI.create(environment().get("DATABASE_URL").replaceAll("\\$\\{[^}]*}", "secret"));

        assertThat(url.getScheme()).isEqualTo("postgresql");
        assertThat(url.getHost()).isEqualTo("postgres");
        assertThat(url.getPort()).isEqualTo(5432);
        assertThat(url.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(url.getUserInfo()).startsWith(postgres.get("POSTGRES_USER") + ":");
        assertThat(environment().get("DATABASE_URL")).contains("${POSTGRES_PASSWORD");
        assertThat(postgres.get("POSTGRES_PASSWORD")).startsWith("${POSTGRES_PASSWORD");
    }

    @Test
    void kubosApiIsReachableOnlyFromTheInternalNetwork() {
        URI api = URI.create(environment().get("IPFS_API_URL"));
        assertThat(api.getHost()).isEqualTo("kubo");
        assertThat(api.getPort()).isEqualTo(5001);

        List<String> kuboPorts = list(service("kubo").get("ports"));
        assertThat(kuboPorts).noneMatch(p -> p.contains("5001"));
        assertThat(service("postgres")).doesNotContainKey("ports");
        Map<String, Map<String, Object>> networks = map(compose.get("networks"));
        assertThat(networks.get("backend")).containsEntry("internal", true);
        assertThat(list(service("postgres").get("networks"))).containsExactly("backend");
        assertThat(list(service("cairn").get("networks"))).contains("backend");
        assertThat(list(service("kubo").get("networks"))).contains("backend");
    }

    @Test
    void everyVolumeAndNetworkUsedIsDeclared() {
        Set<String> volumes =
                ComposeFileTest.<String, Object>map(compose.get("volumes")).keySet();
        Set<String> networks =
                ComposeFileTest.<String, Object>map(compose.get("networks")).keySet();

        services().forEach((name, service) -> {
            for (String mount : list(service.getOrDefault("volumes", List.of()))) {
                assertThat(volumes).as(name + " mounts " + mount).contains(mount.substring(0, mount.indexOf(':')));
            }
            assertThat(networks).as(name).containsAll(list(service.getOrDefault("networks", List.of())));
        });
    }

    @Test
    void theNodesDataDirIsItsVolumeAndItsPortIsPublished() {
        String dataDir = environment().get("DATA_DIR");
        String httpPort = environment().get("HTTP_PORT");

        assertThat(list(service("cairn").get("volumes"))).contains("cairn-data:" + dataDir);
        assertThat(list(service("cairn").get("ports"))).anyMatch(p -> p.endsWith(":" + httpPort));
        assertThat(dockerfile).contains("VOLUME [\"" + dataDir + "\"]").contains("EXPOSE " + httpPort);
        assertThat(dockerfile).contains("DATA_DIR=" + dataDir).contains("HTTP_PORT=" + httpPort);
    }

    @Test
    void theNodesVariablesAreOnesTheNodeReads() throws IOException {
        String configurationDocs = Files.readString(ROOT.resolve("docs/configuration.md"));

        assertThat(environment().keySet())
                .allSatisfy(name -> assertThat(configurationDocs).contains("| `" + name + "` |"));
    }

    @Test
    void theImageIsBuiltWithTheWrapperOnAJdkAndRunsOnAJreAsANonRootUser() {
        List<String> stages = Pattern.compile("(?m)^FROM (\\S+)")
                .matcher(dockerfile)
                .results()
                .map(m -> m.group(1))
                .toList();

        // Node's image only lends node and npm to the build stage, for the frontend module.
        assertThat(stages).containsExactly("node:20-bookworm-slim", "eclipse-temurin:25-jdk", "eclipse-temurin:25-jre");
        assertThat(dockerfile).contains("COPY --from=node /usr/local/bin/node /usr/local/bin/node");
        assertThat(dockerfile).contains("./mvnw -B");
        assertThat(dockerfile).containsPattern("(?m)^USER cairn");
        assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK [\\s\\S]*/api/system\\.version");
    }

    private static Map<String, Map<String, Object>> services() {
        return map(compose.get("services"));
    }

    private static Map<String, Object> service(String name) {
        assertThat(services()).containsKey(name);
        return services().get(name);
    }

    private static Map<String, String> environment() {
        return map(service("cairn").get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<K, V>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<String>) value;
    }
}
