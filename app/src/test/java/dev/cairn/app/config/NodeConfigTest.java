package dev.cairn.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.ipfs.KuboIpfs;
import dev.cairn.adapters.http.membership.HandshakeRateLimit;
import dev.cairn.adapters.http.membership.PeerTransportConfig;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.postgres.DatabaseSettings;
import dev.cairn.adapters.postgres.DatabaseUrl;
import dev.cairn.adapters.postgres.UnixUser;
import dev.cairn.core.auth.HostResolver;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.membership.Privacy;
import dev.cairn.core.metrics.MetricsConfig;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.replication.ReplicationConfig;
import dev.cairn.core.upload.UploadConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
    static final String TOKEN = "123456789:AAH-test_token_for_cairn_vectors_0123";

    /** A fake DNS for the local-mode check. */
    static final HostResolver DNS = host -> switch (host) {
        case "localhost" -> List.of(InetAddress.getByName("127.0.0.1"));
        case "node.example" -> List.of(InetAddress.getByName("203.0.113.7"));
        default -> throw new UnknownHostException(host);
    };

    @TempDir
    Path tmp;

    static NodeConfig parse(Map<String, String> env) {
        return NodeConfig.fromEnv(env, DNS).config();
    }

    static ConfigException failure(Map<String, String> env) {
        try {
            NodeConfig.fromEnv(env, DNS);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("accepted " + env);
    }

    @Test
    void anEmptyEnvironmentGivesTheSpecsDefaults() {
        NodeConfig config = parse(Map.of());

        assertThat(config.membership()).isEqualTo(MembershipConfig.DEFAULTS);
        assertThat(config.replication()).isEqualTo(ReplicationConfig.defaults());
        assertThat(config.metrics()).isEqualTo(MetricsConfig.DEFAULT);
        assertThat(config.network())
                .isEqualTo(new NetworkConfig(
                        8080,
                        Privacy.PRIVATE,
                        Optional.empty(),
                        Duration.ofSeconds(60),
                        List.of(),
                        true,
                        Optional.empty()));
        assertThat(config.storage().dataDir().dataDir())
                .isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.storage().database())
                .isEqualTo(DatabaseSettings.embedded(Path.of("data").toAbsolutePath()));
        assertThat(config.storage().maxContentBytes()).isEqualTo(2048L << 20);
        assertThat(config.storage().uploadExpiry()).isEqualTo(Duration.ofDays(1));
        assertThat(config.storage().uploads()).isEqualTo(UploadConfig.withMaxContentSizeMb(2048));
        assertThat(config.ipfs()).isEqualTo(new IpfsConfig(Optional.empty(), true, KuboIpfs.Settings.DEFAULTS));
        assertThat(config.conversion())
                .isEqualTo(new ConversionConfig(1, 2, 2048, Duration.ofHours(1), Duration.ofHours(4), 2048));
        assertThat(config.auth())
                .isEqualTo(new AuthConfig(Optional.empty(), Optional.empty(), Duration.ofDays(1), false));
        assertThat(config.log()).isEqualTo(new LogConfig(LogConfig.Format.JSON, "INFO"));
        assertThat(config.http())
                .isEqualTo(new HttpConfig(
                        HttpServerConfig.onPort(8080), HandshakeRateLimit.DEFAULTS, PeerTransportConfig.DEFAULTS));
    }

    @Test
    void everyVariableIsRead() throws Exception {
        Path asn = Files.writeString(tmp.resolve("asn.txt"), "10.0.0.0/8 64500\n");
        var env = new HashMap<String, String>();
        env.putAll(Map.of(
                "DHT_MIN_RECEIPTS", "7",
                "DHT_MIN_REACHABILITY", "0.75",
                "DHT_MEMBERSHIP_TTL", "900",
                "DHT_REPLICATION_TARGET", "5",
                "DHT_LEASE_TTL", "1200",
                "DHT_HEARTBEAT_INTERVAL", "30",
                "DHT_HEARTBEAT_MISS_THRESHOLD", "4",
                "DHT_MIN_ASN", "2",
                "DHT_MIN_IP_OCTETS", "4",
                "DHT_METRIC_WINDOW_SEC", "600"));
        env.putAll(Map.of(
                "NODE_PRIVACY", "PUBLIC",
                "PUBLIC_HOST", "https://node.example:8443",
                "HANDSHAKE_INTERVAL_SEC", "120",
                "BOOTSTRAP_PEERS", "https://a.example, http://10.0.0.2:8080",
                "HTTP_PORT", "9000",
                "DATA_DIR", tmp.toString(),
                "DATABASE_URL", "postgresql://cairn:hunter2@db:5432/cairn",
                "PEER_TLS_VERIFY", "false",
                "ASN_TABLE_FILE", asn.toString(),
                "IPFS_API_URL", "http://kubo:5001"));
        env.putAll(Map.of(
                "IPFS_PEERING", "no",
                "CONVERT_CONCURRENCY", "2",
                "CONVERT_CPU_LIMIT", "4",
                "CONVERT_MEMORY_LIMIT_MB", "4096",
                "CONVERT_TIMEOUT_SEC", "600",
                "MAX_CONTENT_SIZE_MB", "100",
                "TELEGRAM_UPLOADER_BOT_TOKEN", TOKEN,
                "TELEGRAM_CLIENT_BOT_TOKEN", TOKEN.replace("123456789", "42"),
                "TELEGRAM_INIT_DATA_MAX_AGE_SEC", "3600",
                "LOG_FORMAT", "text"));
        env.put("LOG_LEVEL", "debug");
        env.putAll(Map.of(
                "HTTP_MAX_REQUEST_BYTES", "2048",
                "HTTP_STOP_TIMEOUT_SEC", "0",
                "HANDSHAKE_RATE_PER_SEC", "0.5",
                "HANDSHAKE_RATE_BURST", "3",
                "HANDSHAKE_RATE_MAX_ADDRESSES", "1000",
                "PEER_CONNECT_TIMEOUT_SEC", "2",
                "PEER_REQUEST_TIMEOUT_SEC", "600",
                "PEER_MAX_RESPONSE_BYTES", "4096"));
        env.putAll(Map.of(
                "DATABASE_POOL_SIZE", "7",
                "DATABASE_CONNECTION_TIMEOUT_MS", "2500",
                "DATABASE_EMBEDDED_USER", "1000:1000",
                "IPFS_CONNECT_TIMEOUT_SEC", "2",
                "IPFS_TIMEOUT_SEC", "3600",
                "UPLOAD_EXPIRY_SEC", "3600"));
        env.putAll(Map.of(
                "TELEGRAM_BOT_API_URL", "http://bot-api:8081",
                "TELEGRAM_WEBHOOK_URL", "https://node.example:8443",
                "TELEGRAM_WEBHOOK_SECRET", "webhook-secret_0123456789",
                "PURCHASE_INTENT_TTL_SEC", "900",
                "TON_RECEIVING_ADDRESS", TON_WALLET,
                "TON_API_URL", "https://ton-api.example/api/v2",
                "TON_API_KEY", "ton-key-hunter2",
                "TON_POLL_INTERVAL_SEC", "30",
                "TON_FEE_TOLERANCE_NANOTONS", "0"));
        env.put("PAYMENT_SUPPORT_CONTACT", " @cairn_support ");
        env.put("TELEGRAM_BOT_FILE_LIMIT_MB", "2000");

        NodeConfig config = parse(env);

        assertThat(config.membership().minReceipts()).isEqualTo(7);
        assertThat(config.membership().minReachability()).isEqualTo(0.75);
        assertThat(config.membership().membershipTtl()).isEqualTo(Duration.ofSeconds(900));
        assertThat(config.replication())
                .isEqualTo(new ReplicationConfig(5, Duration.ofSeconds(1200), Duration.ofSeconds(30), 4, 2, 4));
        assertThat(config.metrics().windowSeconds()).isEqualTo(600);
        assertThat(config.network())
                .isEqualTo(new NetworkConfig(
                        9000,
                        Privacy.PUBLIC,
                        Optional.of(URI.create("https://node.example:8443")),
                        Duration.ofSeconds(120),
                        List.of(URI.create("https://a.example"), URI.create("http://10.0.0.2:8080")),
                        false,
                        Optional.of(asn.toAbsolutePath())));
        assertThat(config.storage().dataDir().dataDir()).isEqualTo(tmp);
        assertThat(config.storage().database().url().orElseThrow())
                .isEqualTo(new DatabaseUrl(
                        "jdbc:postgresql://db:5432/cairn", Optional.of("cairn"), Optional.of("hunter2")));
        assertThat(config.storage().database())
                .extracting(
                        DatabaseSettings::dataDir,
                        DatabaseSettings::poolSize,
                        DatabaseSettings::connectionTimeout,
                        DatabaseSettings::embeddedUser)
                .containsExactly(tmp, 7, Duration.ofMillis(2500), new UnixUser(1000, 1000));
        assertThat(config.storage().maxContentSizeMb()).isEqualTo(100);
        assertThat(config.storage().uploads())
                .isEqualTo(new UploadConfig(100, Duration.ofHours(1), UploadConfig.DEFAULT_LIVE_HASH_LIMIT));
        assertThat(config.http())
                .isEqualTo(new HttpConfig(
                        new HttpServerConfig("0.0.0.0", 9000, 2048, Duration.ZERO),
                        new HandshakeRateLimit(0.5, 3, 1000),
                        new PeerTransportConfig(Duration.ofSeconds(2), Duration.ofMinutes(10), false, 4096)));
        assertThat(config.ipfs())
                .isEqualTo(new IpfsConfig(
                        Optional.of(URI.create("http://kubo:5001")),
                        false,
                        new KuboIpfs.Settings(Duration.ofSeconds(2), Duration.ofHours(1))));
        assertThat(config.conversion())
                .isEqualTo(new ConversionConfig(2, 4, 4096, Duration.ofMinutes(10), Duration.ofHours(4), 2048));
        assertThat(config.auth().uploaderBotToken().orElseThrow().reveal()).isEqualTo(TOKEN);
        assertThat(config.auth().clientBotToken().orElseThrow().botId()).isEqualTo("42");
        assertThat(config.auth().initDataMaxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(config.log()).isEqualTo(new LogConfig(LogConfig.Format.TEXT, "DEBUG"));
        assertThat(config.bots())
                .isEqualTo(new BotConfig(
                        URI.create("http://bot-api:8081"),
                        Optional.of(new BotConfig.Webhook(
                                URI.create("https://node.example:8443"), "webhook-secret_0123456789")),
                        2000));
        assertThat(config.payments())
                .isEqualTo(new PaymentConfig(
                        Duration.ofMinutes(15),
                        Optional.of(new PaymentConfig.Ton(
                                TON_WALLET,
                                URI.create("https://ton-api.example/api/v2"),
                                Optional.of("ton-key-hunter2"),
                                Duration.ofSeconds(30),
                                0)),
                        Optional.of("@cairn_support")));
        assertThat(config.toString()).doesNotContain("ton-key-hunter2").doesNotContain("webhook-secret_0123456789");
    }

    static final String TON_WALLET = "EQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p4q2";

    @Test
    void botsPollTelegramAndTonIsOffByDefault() {
        NodeConfig config = parse(Map.of());
        assertThat(config.bots()).isEqualTo(new BotConfig(BotConfig.TELEGRAM, Optional.empty(), 20));
        assertThat(config.payments())
                .isEqualTo(new PaymentConfig(Duration.ofHours(1), Optional.empty(), Optional.empty()));
        assertThat(parse(Map.of(
                                "TON_RECEIVING_ADDRESS",
                                "0:" + "ab".repeat(32),
                                "TON_API_URL",
                                "http://127.0.0.1:9/api/v2"))
                        .payments()
                        .ton())
                .isPresent();
    }

    @Test
    void webhookAndTonSettingsThatCannotWorkAreNamed() {
        assertThat(failure(Map.of("TELEGRAM_WEBHOOK_URL", "https://node.example"))
                        .getMessage())
                .isEqualTo("TELEGRAM_WEBHOOK_SECRET='' is unset while TELEGRAM_WEBHOOK_URL is set;"
                        + " allowed: both set (webhook mode) or neither (polling)");
        assertThat(failure(Map.of("TELEGRAM_WEBHOOK_URL", "https://node.example", "TELEGRAM_WEBHOOK_SECRET", "short"))
                        .getMessage())
                .contains("TELEGRAM_WEBHOOK_SECRET='<5 characters>'")
                .doesNotContain("short'");
        assertThat(failure(Map.of(
                                "TELEGRAM_WEBHOOK_URL", "http://node.example",
                                "TELEGRAM_WEBHOOK_SECRET", "webhook-secret_0123456789"))
                        .problems())
                .extracting(ConfigProblem::variable)
                .containsExactly("TELEGRAM_WEBHOOK_URL");
        assertThat(failure(Map.of("TON_RECEIVING_ADDRESS", TON_WALLET)).problems())
                .extracting(ConfigProblem::variable)
                .containsExactly("TON_API_URL");
        assertThat(failure(Map.of("TON_API_URL", "https://ton-api.example/api/v2"))
                        .problems())
                .extracting(ConfigProblem::variable)
                .containsExactly("TON_RECEIVING_ADDRESS");
        assertThat(failure(Map.of("TON_RECEIVING_ADDRESS", "my wallet", "TON_API_URL", "https://t.example/api/v2"))
                        .getMessage())
                .contains("is not a TON address");
        assertThat(failure(Map.of("TELEGRAM_UPLOADER_BOT_TOKEN", TOKEN, "TELEGRAM_CLIENT_BOT_TOKEN", TOKEN))
                        .problems())
                .extracting(ConfigProblem::variable)
                .containsExactly("TELEGRAM_CLIENT_BOT_TOKEN");
        assertThat(failure(Map.of("TON_FEE_TOLERANCE_NANOTONS", "-1")).problems())
                .extracting(ConfigProblem::variable)
                .containsExactly("TON_FEE_TOLERANCE_NANOTONS");
    }

    @Test
    void anEmptyValueCountsAsUnset() {
        assertThat(parse(Map.of("HTTP_PORT", "", "LOCAL_MODE", "")).network().httpPort())
                .isEqualTo(8080);
    }

    @Test
    void eachKindOfBadValueNamesTheVariableTheValueAndWhatIsAllowed() {
        assertThat(failure(Map.of("HTTP_PORT", "eighty")).getMessage())
                .isEqualTo("HTTP_PORT='eighty' is not an integer; allowed: an integer from 1 to 65535");
        assertThat(failure(Map.of("HTTP_PORT", "70000")).getMessage())
                .isEqualTo("HTTP_PORT='70000' is out of range; allowed: an integer from 1 to 65535");
        assertThat(failure(Map.of("DHT_MIN_REACHABILITY", "1.5")).getMessage())
                .isEqualTo("DHT_MIN_REACHABILITY='1.5' is out of range;"
                        + " allowed: a decimal number greater than 0.0 and at most 1.0");
        assertThat(failure(Map.of("DHT_MIN_REACHABILITY", "6e-1")).getMessage()).contains("is not a decimal number");
        assertThat(failure(Map.of("NODE_PRIVACY", "secret")).getMessage())
                .isEqualTo("NODE_PRIVACY='secret' is not one of the choices; allowed: one of private, public");
        assertThat(failure(Map.of("PEER_TLS_VERIFY", "maybe")).getMessage())
                .isEqualTo("PEER_TLS_VERIFY='maybe' is not a boolean; allowed: " + Env.BOOLEAN_ALLOWED);
        assertThat(failure(Map.of("PUBLIC_HOST", "node.example")).getMessage())
                .startsWith("PUBLIC_HOST='node.example' is not an http(s) URL; allowed: an absolute http:// or");
        assertThat(failure(Map.of("BOOTSTRAP_PEERS", "https://a.example,,https://b.example"))
                        .getMessage())
                .startsWith("BOOTSTRAP_PEERS='' has an empty URL");
        assertThat(failure(Map.of("IPFS_API_URL", "http://kubo:5001/?x=1")).getMessage())
                .contains("has user info, a query or a fragment");
        assertThat(failure(Map.of("ASN_TABLE_FILE", tmp.resolve("missing").toString()))
                        .getMessage())
                .endsWith("is not a file; allowed: the path of a readable file");
        assertThat(failure(Map.of("LOG_LEVEL", "verbose")).getMessage())
                .isEqualTo("LOG_LEVEL='verbose' is not one of the choices;"
                        + " allowed: one of debug, error, info, off, trace, warn");
        assertThat(failure(Map.of("DATA_DIR", " ")).getMessage()).startsWith("DATA_DIR=' ' is empty");
    }

    @Test
    void ipfsTimeoutsAndTheUploadExpiryAreWholeSecondsWithinTheirBounds() {
        assertThat(failure(Map.of("IPFS_CONNECT_TIMEOUT_SEC", "0")).getMessage())
                .isEqualTo("IPFS_CONNECT_TIMEOUT_SEC='0' is out of range; allowed: an integer from 1 to 3600");
        assertThat(failure(Map.of("IPFS_TIMEOUT_SEC", "3601")).getMessage())
                .isEqualTo("IPFS_TIMEOUT_SEC='3601' is out of range; allowed: an integer from 1 to 3600");
        assertThat(failure(Map.of("IPFS_TIMEOUT_SEC", "1m")).getMessage())
                .isEqualTo("IPFS_TIMEOUT_SEC='1m' is not an integer; allowed: an integer from 1 to 3600");
        assertThat(failure(Map.of("UPLOAD_EXPIRY_SEC", "59")).getMessage())
                .isEqualTo("UPLOAD_EXPIRY_SEC='59' is out of range; allowed: an integer from 60 to 2592000");
        assertThat(failure(Map.of("UPLOAD_EXPIRY_SEC", "2592001")).problems())
                .extracting(ConfigProblem::variable)
                .containsExactly("UPLOAD_EXPIRY_SEC");
        assertThat(parse(Map.of("UPLOAD_EXPIRY_SEC", "60", "IPFS_CONNECT_TIMEOUT_SEC", "3600"))
                        .storage()
                        .uploadExpiry())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void conversionWorkersAreCountedByEitherNameButBothMustAgree() {
        assertThat(parse(Map.of("CONVERT_WORKERS", "3")).conversion().workers()).isEqualTo(3);
        assertThat(parse(Map.of("CONVERT_CONCURRENCY", "3")).conversion().workers())
                .isEqualTo(3);
        assertThat(parse(Map.of("CONVERT_CONCURRENCY", "3", "CONVERT_WORKERS", "3"))
                        .conversion()
                        .workers())
                .isEqualTo(3);
        assertThat(failure(Map.of("CONVERT_CONCURRENCY", "2", "CONVERT_WORKERS", "3"))
                        .getMessage())
                .isEqualTo("CONVERT_WORKERS='3' disagrees with CONVERT_CONCURRENCY=2, its older name; allowed: the"
                        + " same value in both, or CONVERT_WORKERS alone");
        var limits = parse(Map.of(
                        "CONVERT_CPU_LIMIT", "200",
                        "CONVERT_MAX_DURATION_SEC", "600",
                        "CONVERT_MAX_INPUT_MB", "10",
                        "CONVERT_TIMEOUT_SEC", "60"))
                .conversion()
                .limits();
        assertThat(limits.threads()).as("FFmpeg's own bound").isEqualTo(64);
        assertThat(limits.maxInputDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(limits.maxInputBytes()).isEqualTo(10L << 20);
        assertThat(limits.timeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void tusdHooksNeedBothTheSecretAndTheUploadDirectoryAndNeverShowTheSecret() {
        assertThat(parse(Map.of()).storage().tusHook()).isEmpty();
        var hook = parse(Map.of("TUS_HOOK_SECRET", "0123456789abcdef-_.~", "TUS_HOOK_UPLOAD_DIR", "/srv/tusd"))
                .storage()
                .tusHook()
                .orElseThrow();
        assertThat(hook.secret()).isEqualTo("0123456789abcdef-_.~");
        assertThat(hook.uploadDirectory()).isEqualTo(Path.of("/srv/tusd"));

        assertThat(failure(Map.of("TUS_HOOK_SECRET", "0123456789abcdef")).getMessage())
                .isEqualTo("TUS_HOOK_UPLOAD_DIR='' is unset while TUS_HOOK_SECRET is set;"
                        + " allowed: both set (tusd in front) or neither");
        var shortSecret = failure(Map.of("TUS_HOOK_SECRET", "hunter2", "TUS_HOOK_UPLOAD_DIR", "/srv/tusd"));
        assertThat(shortSecret.getMessage())
                .startsWith("TUS_HOOK_SECRET='<7 characters>' TUS_HOOK_SECRET must be at least 16 characters")
                .doesNotContain("hunter2");
        assertThat(failure(Map.of("TUS_HOOK_SECRET", "0123456789abcdef", "TUS_HOOK_UPLOAD_DIR", "srv/tusd"))
                        .problems())
                .extracting(ConfigProblem::variable)
                .containsExactly("TUS_HOOK_UPLOAD_DIR");
    }

    @Test
    void combinationsThatCannotWorkAreRefused() {
        assertThat(failure(Map.of("NODE_PRIVACY", "public")).getMessage())
                .startsWith("NODE_PRIVACY='public' needs PUBLIC_HOST, which is unset");
        assertThat(failure(Map.of("DHT_LEASE_TTL", "180")).getMessage())
                .isEqualTo("DHT_LEASE_TTL='180' does not outlive failure detection (DHT_HEARTBEAT_INTERVAL=60"
                        + " x DHT_HEARTBEAT_MISS_THRESHOLD=3 = 180 s); allowed: more than 180 seconds, at most 604800");
        assertThat(failure(Map.of("DHT_MIN_ASN", "4")).getMessage())
                .startsWith("DHT_MIN_ASN='4' exceeds DHT_REPLICATION_TARGET=3");
        assertThat(failure(Map.of("HANDSHAKE_INTERVAL_SEC", "600")).getMessage())
                .startsWith("HANDSHAKE_INTERVAL_SEC='600' is not shorter than DHT_MEMBERSHIP_TTL=600");
    }

    @Test
    void aShortMembershipTtlShrinksTheHandshakeSkewWithIt() {
        var config = parse(Map.of("DHT_MEMBERSHIP_TTL", "30", "HANDSHAKE_INTERVAL_SEC", "10"));

        assertThat(config.membership().clockSkew()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyBadVariableIsReportedAtOnce() {
        ConfigException e = failure(Map.of(
                "HTTP_PORT", "0",
                "DHT_MIN_RECEIPTS", "many",
                "LOG_FORMAT", "xml",
                "TELEGRAM_CLIENT_BOT_TOKEN", "123:oops/the-secret"));

        assertThat(e.problems())
                .extracting(ConfigProblem::variable)
                .containsExactlyInAnyOrder("HTTP_PORT", "DHT_MIN_RECEIPTS", "LOG_FORMAT", "TELEGRAM_CLIENT_BOT_TOKEN");
        assertThat(e.getMessage()).startsWith("4 invalid variables:\n  ").contains("\n  LOG_FORMAT='xml'");
    }

    @Test
    void secretsAreMaskedInErrorsAndInToString() {
        ConfigException e = failure(Map.of("TELEGRAM_UPLOADER_BOT_TOKEN", "123:oops/the-secret"));
        assertThat(e.getMessage())
                .startsWith("TELEGRAM_UPLOADER_BOT_TOKEN='123:****' is not a bot token")
                .doesNotContain("oops")
                .doesNotContain("the-secret");

        NodeConfig config = parse(
                Map.of("TELEGRAM_CLIENT_BOT_TOKEN", TOKEN, "DATABASE_URL", "postgresql://cairn:hunter2@db:5432/cairn"));
        assertThat(config.toString())
                .doesNotContain("AAH-test_token")
                .doesNotContain("hunter2")
                .contains("123456789:****")
                .contains("jdbc:postgresql://db:5432/cairn (user cairn)");
        assertThat(failure(Map.of("PUBLIC_HOST", "ftp://u:hunter2@x/")).getMessage())
                .doesNotContain("hunter2");
    }

    @Test
    void urlsShownInProblemsHaveTheirPasswordsMasked() {
        assertThat(Env.maskUrl("postgresql://cairn:hunter2@db:5432/cairn"))
                .isEqualTo("postgresql://cairn:****@db:5432/cairn");
        assertThat(Env.maskUrl("jdbc:postgresql://db:5432/cairn?user=cairn&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/cairn?user=cairn&password=****&ssl=true");
        assertThat(Env.maskUrl("postgres://cairn:hun/ter@2@db/cairn")).isEqualTo("postgres://cairn:****@db/cairn");
        assertThat(Env.maskUrl("postgres//cairn:hunter2@db/cairn")).isEqualTo("postgres//cairn:****@db/cairn");
        assertThat(Env.maskUrl("https://node.example:8443")).isEqualTo("https://node.example:8443");
    }

    @Test
    void localModeIsRefusedForAPublicHost() {
        assertThat(failure(Map.of("LOCAL_MODE", "true", "PUBLIC_HOST", "https://node.example"))
                        .getMessage())
                .startsWith("LOCAL_MODE='true' is refused: public host node.example resolves to 203.0.113.7, a public"
                        + " address");
        assertThat(failure(Map.of("LOCAL_MODE", "on", "PUBLIC_HOST", "http://8.8.8.8"))
                        .problems())
                .extracting(ConfigProblem::variable)
                .containsExactly("LOCAL_MODE");
    }

    @Test
    void localModeIsAcceptedForLocalHosts() {
        for (String host : List.of("http://localhost:8080", "http://10.1.2.3", "http://192.168.1.5:8080")) {
            NodeConfig config = parse(Map.of("LOCAL_MODE", "true", "PUBLIC_HOST", host));
            assertThat(config.auth().localMode()).as(host).isTrue();
            assertThat(config.auth().authenticator(new ManualClock(0))).isPresent();
        }
        assertThat(parse(Map.of("LOCAL_MODE", "1")).auth().localMode()).isTrue();
    }

    @Test
    void withoutClientBotOrLocalModeNoOneCanAuthenticate() {
        assertThat(parse(Map.of()).auth().authenticator(new ManualClock(0))).isEmpty();
        assertThat(parse(Map.of("TELEGRAM_CLIENT_BOT_TOKEN", TOKEN)).auth().authenticator(new ManualClock(0)))
                .isPresent();
    }

    @Test
    void unknownCairnVariablesAreWarnedAboutWithTheClosestName() {
        var loaded = NodeConfig.fromEnv(
                Map.of(
                        "DHT_MIN_RECIEPTS",
                        "5",
                        "CONVERT_CPU_LIMT",
                        "2",
                        "CAIRN_SOMETHING_ELSE_ENTIRELY",
                        "x",
                        "PATH",
                        "/bin"),
                DNS);

        assertThat(loaded.warnings())
                .containsExactly(
                        "unknown variable CAIRN_SOMETHING_ELSE_ENTIRELY is ignored",
                        "unknown variable CONVERT_CPU_LIMT is ignored; did you mean CONVERT_CPU_LIMIT?",
                        "unknown variable DHT_MIN_RECIEPTS is ignored; did you mean DHT_MIN_RECEIPTS?");
    }

    @Test
    void typosOfTheHttpAndDatabaseVariablesAreWarnedAboutButNotOtherProgramsVariables() {
        var loaded = NodeConfig.fromEnv(
                Map.of(
                        "HTTP_MAX_REQUEST_BYTE", "2048",
                        "HANDSHAKE_RATE_BRUST", "5",
                        "PEER_TLS_VERIFI", "false",
                        "DATABASE_POOL_SIZ", "4",
                        "HTTP_PROXY", "http://proxy:3128"),
                DNS);

        assertThat(loaded.warnings())
                .containsExactly(
                        "unknown variable DATABASE_POOL_SIZ is ignored; did you mean DATABASE_POOL_SIZE?",
                        "unknown variable HANDSHAKE_RATE_BRUST is ignored; did you mean HANDSHAKE_RATE_BURST?",
                        "unknown variable HTTP_MAX_REQUEST_BYTE is ignored; did you mean HTTP_MAX_REQUEST_BYTES?",
                        "unknown variable PEER_TLS_VERIFI is ignored; did you mean PEER_TLS_VERIFY?");
    }

    @Test
    void typosOfTheIpfsAndUploadVariablesAreWarnedAboutButNotKubosOwnVariables() {
        var loaded = NodeConfig.fromEnv(
                Map.of(
                        "IPFS_API_ULR", "http://kubo:5001",
                        "IPFS_TIMEOUT_SECS", "30",
                        "UPLOAD_EXPIRY_SECS", "3600",
                        "IPFS_PATH", "/data/ipfs",
                        "IPFS_PROFILE", "server"),
                DNS);

        assertThat(loaded.warnings())
                .containsExactly(
                        "unknown variable IPFS_API_ULR is ignored; did you mean IPFS_API_URL?",
                        "unknown variable IPFS_TIMEOUT_SECS is ignored; did you mean IPFS_TIMEOUT_SEC?",
                        "unknown variable UPLOAD_EXPIRY_SECS is ignored; did you mean UPLOAD_EXPIRY_SEC?");
    }

    @Test
    void everyVariableIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));

        assertThat(NodeConfigParser.knownNames())
                .allSatisfy(name -> assertThat(docs).contains("`" + name + "`"));
    }
}
