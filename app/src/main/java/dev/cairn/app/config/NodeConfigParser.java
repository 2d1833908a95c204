package dev.cairn.app.config;

import dev.cairn.adapters.http.ipfs.KuboIpfs;
import dev.cairn.adapters.http.membership.HandshakeRateLimit;
import dev.cairn.adapters.http.membership.PeerTransportConfig;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.upload.TusHookConfig;
import dev.cairn.core.auth.BotToken;
import dev.cairn.core.auth.HostResolver;
import dev.cairn.core.auth.LocalMode;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.membership.Privacy;
import dev.cairn.core.metrics.MetricsConfig;
import dev.cairn.core.replication.ReplicationConfig;
import dev.cairn.core.upload.UploadConfig;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns environment variables into a {@link NodeConfig}; the defaults are the spec's. */
final class NodeConfigParser {
    /** 30 days: a client that has not resumed an upload for that long has abandoned it; its spool holds disk. */
    static final long MAX_UPLOAD_EXPIRY_SECONDS = 30 * 86_400;

    private static final String SECRET = "TUS_HOOK_SECRET";
    private static final String HOOK_DIR = "TUS_HOOK_UPLOAD_DIR";

    private final Env env;
    private final HostResolver resolver;

    NodeConfigParser(Map<String, String> env, HostResolver resolver) {
        this.env = new Env(env);
        this.resolver = resolver;
    }

    NodeConfig.Loaded parse() {
        NetworkConfig network = network();
        HttpConfig http = http(network);
        MembershipConfig membership = membership(network);
        ReplicationConfig replication = replication();
        MetricsConfig metrics = validated(
                "DHT_METRIC_WINDOW_SEC",
                () -> new MetricsConfig(
                        env.integer("DHT_METRIC_WINDOW_SEC", 3600, 60, 604_800),
                        MetricsConfig.DEFAULT.maxWatchSeconds(),
                        MetricsConfig.DEFAULT.maxBytesOut(),
                        MetricsConfig.DEFAULT.maxSaltBytes()),
                MetricsConfig.DEFAULT);
        DataDir dataDir = DataDir.read(env);
        var storage = new StorageConfig(
                dataDir,
                DatabaseVariables.read(env, dataDir.dataDir()),
                env.integer("MAX_CONTENT_SIZE_MB", 2048, 1, 1 << 20),
                env.seconds(
                        "UPLOAD_EXPIRY_SEC", UploadConfig.DEFAULT_EXPIRY.toSeconds(), 60, MAX_UPLOAD_EXPIRY_SECONDS),
                tusHook());
        IpfsConfig ipfs = ipfs();
        ConversionConfig conversion = conversion();
        AuthConfig auth = auth(network);
        BotConfig bots = bots();
        PaymentConfig payments = payments();
        var log = new LogConfig(
                env.choice(
                        "LOG_FORMAT",
                        LogConfig.Format.JSON,
                        Map.of("json", LogConfig.Format.JSON, "text", LogConfig.Format.TEXT)),
                env.choice(
                        "LOG_LEVEL",
                        "INFO",
                        Map.of(
                                "trace", "TRACE", "debug", "DEBUG", "info", "INFO", "warn", "WARN", "error", "ERROR",
                                "off", "OFF")));
        if (!env.problems().isEmpty()) {
            throw new ConfigException(env.problems());
        }
        var config = new NodeConfig(
                network, http, membership, replication, metrics, storage, ipfs, conversion, auth, bots, payments, log);
        return new NodeConfig.Loaded(config, UnknownVariables.warnings(env.all(), env.knownNames()));
    }

    /**
     * {@code CONVERT_WORKERS} took over from {@code CONVERT_CONCURRENCY}, which is still read: either names the number
     * of workers, and both may be set only to the same value.
     */
    private ConversionConfig conversion() {
        int concurrency = env.intValue("CONVERT_CONCURRENCY", 1, 1, 64);
        int workers = env.intValue("CONVERT_WORKERS", concurrency, 1, 64);
        if (env.raw("CONVERT_CONCURRENCY").isPresent()
                && env.raw("CONVERT_WORKERS").isPresent()
                && workers != concurrency
                && !env.hasProblemWith("CONVERT_WORKERS")
                && !env.hasProblemWith("CONVERT_CONCURRENCY")) {
            env.problem(
                    "CONVERT_WORKERS",
                    Integer.toString(workers),
                    "disagrees with CONVERT_CONCURRENCY=" + concurrency + ", its older name",
                    "the same value in both, or CONVERT_WORKERS alone");
        }
        return new ConversionConfig(
                workers,
                env.intValue("CONVERT_CPU_LIMIT", 2, 1, 256),
                env.intValue("CONVERT_MEMORY_LIMIT_MB", 2048, 128, 1 << 20),
                env.seconds("CONVERT_TIMEOUT_SEC", 3600, 10, 86_400),
                env.seconds("CONVERT_MAX_DURATION_SEC", 4 * 3600, 1, 7 * 86_400),
                env.integer("CONVERT_MAX_INPUT_MB", 2048, 1, 1 << 20));
    }

    /**
     * The hooks of a tusd in front: both variables or neither. The secret is never shown in a problem, only its length.
     */
    private Optional<TusHookConfig> tusHook() {
        Optional<String> secret = env.raw(SECRET);
        Optional<String> dir = env.raw(HOOK_DIR);
        if (secret.isEmpty() && dir.isEmpty()) {
            return Optional.empty();
        }
        if (secret.isEmpty() || dir.isEmpty()) {
            String unset = secret.isEmpty() ? SECRET : HOOK_DIR;
            String set = secret.isEmpty() ? HOOK_DIR : SECRET;
            env.problem(unset, "", "is unset while " + set + " is set", "both set (tusd in front) or neither");
            return Optional.empty();
        }
        String shownSecret = "<" + secret.get().length() + " characters>";
        try {
            return Optional.of(new TusHookConfig(secret.get(), Path.of(dir.get())));
        } catch (InvalidPathException e) {
            env.problem(HOOK_DIR, dir.get(), "is not a valid path (" + e.getReason() + ")", "tusd's -upload-dir");
        } catch (IllegalArgumentException e) {
            boolean aboutSecret = e.getMessage().startsWith(SECRET);
            env.problem(
                    aboutSecret ? SECRET : HOOK_DIR,
                    aboutSecret ? shownSecret : dir.get(),
                    e.getMessage(),
                    aboutSecret
                            ? "at least " + TusHookConfig.MIN_SECRET_LENGTH + " characters of A-Z a-z 0-9 . _ ~ -"
                            : "an absolute path: tusd's -upload-dir as tusd sees it");
        }
        return Optional.empty();
    }

    /** The Kubo client's durations are whole seconds, so its records' (0 s, 3600 s] is 1 to 3600. */
    private IpfsConfig ipfs() {
        KuboIpfs.Settings kubo = KuboIpfs.Settings.DEFAULTS;
        Duration connectTimeout =
                env.seconds("IPFS_CONNECT_TIMEOUT_SEC", kubo.connectTimeout().toSeconds(), 1, 3600);
        Duration timeout = env.seconds("IPFS_TIMEOUT_SEC", kubo.timeout().toSeconds(), 1, 3600);
        return new IpfsConfig(
                env.url("IPFS_API_URL"),
                env.bool("IPFS_PEERING", true),
                validated("IPFS_TIMEOUT_SEC", () -> new KuboIpfs.Settings(connectTimeout, timeout), kubo));
    }

    private NetworkConfig network() {
        int port = env.intValue("HTTP_PORT", 8080, 1, 65_535);
        Privacy privacy = env.choice(
                "NODE_PRIVACY", Privacy.PRIVATE, Map.of("public", Privacy.PUBLIC, "private", Privacy.PRIVATE));
        Optional<URI> publicHost = env.url("PUBLIC_HOST");
        if (privacy == Privacy.PUBLIC && publicHost.isEmpty() && !env.hasProblemWith("PUBLIC_HOST")) {
            env.problem(
                    "NODE_PRIVACY",
                    "public",
                    "needs PUBLIC_HOST, which is unset",
                    "private, or public with PUBLIC_HOST set to the URL peers reach this node at");
        }
        return new NetworkConfig(
                port,
                privacy,
                publicHost,
                env.seconds("HANDSHAKE_INTERVAL_SEC", 60, 1, 3600),
                env.urls("BOOTSTRAP_PEERS", 64),
                env.bool("PEER_TLS_VERIFY", true),
                env.file("ASN_TABLE_FILE"));
    }

    /**
     * The HTTP adapter's records. The ranges are the records' own, checked here so that each bad value becomes a
     * problem; {@code HTTP_PORT} and {@code PEER_TLS_VERIFY} are read once, in {@link #network()}.
     */
    private HttpConfig http(NetworkConfig network) {
        long maxRequestBytes =
                env.integer("HTTP_MAX_REQUEST_BYTES", HttpServerConfig.DEFAULT_MAX_REQUEST_BYTES, 1024, 1L << 30);
        Duration stopTimeout =
                env.seconds("HTTP_STOP_TIMEOUT_SEC", HttpServerConfig.DEFAULT_STOP_TIMEOUT.toSeconds(), 0, 600);
        HandshakeRateLimit rate = HandshakeRateLimit.DEFAULTS;
        double perSecond = env.decimalBetween("HANDSHAKE_RATE_PER_SEC", rate.perSecond(), 0.001, 10_000);
        int burst = env.intValue("HANDSHAKE_RATE_BURST", rate.burst(), 1, 10_000);
        int maxAddresses = env.intValue("HANDSHAKE_RATE_MAX_ADDRESSES", rate.maxAddresses(), 1, 1 << 24);
        PeerTransportConfig peer = PeerTransportConfig.DEFAULTS.withTlsVerify(network.peerTlsVerify());
        // Whole seconds, so the records' (0 s, 600 s] is 1 to 600.
        Duration connectTimeout =
                env.seconds("PEER_CONNECT_TIMEOUT_SEC", peer.connectTimeout().toSeconds(), 1, 600);
        Duration requestTimeout =
                env.seconds("PEER_REQUEST_TIMEOUT_SEC", peer.requestTimeout().toSeconds(), 1, 600);
        int maxResponseBytes = env.intValue("PEER_MAX_RESPONSE_BYTES", peer.maxResponseBytes(), 1024, 64 << 20);
        HttpServerConfig server = HttpServerConfig.onPort(network.httpPort());
        return new HttpConfig(
                validated(
                        "HTTP_MAX_REQUEST_BYTES",
                        () -> server.withMaxRequestBytes(maxRequestBytes).withStopTimeout(stopTimeout),
                        server),
                validated("HANDSHAKE_RATE_PER_SEC", () -> new HandshakeRateLimit(perSecond, burst, maxAddresses), rate),
                validated(
                        "PEER_CONNECT_TIMEOUT_SEC",
                        () -> new PeerTransportConfig(
                                connectTimeout, requestTimeout, peer.tlsVerify(), maxResponseBytes),
                        peer));
    }

    private MembershipConfig membership(NetworkConfig network) {
        int k = env.intValue("DHT_MIN_RECEIPTS", 5, 1, 64);
        double q = env.decimal("DHT_MIN_REACHABILITY", 0.6, 0.0, 1.0);
        long ttl = env.integer("DHT_MEMBERSHIP_TTL", 600, 1, 86_400);
        // Compared only when the interval itself was valid: otherwise its fallback would be reported as if given.
        if (!env.hasProblemWith("HANDSHAKE_INTERVAL_SEC")
                && network.handshakeInterval().toSeconds() >= ttl) {
            env.problem(
                    "HANDSHAKE_INTERVAL_SEC",
                    Long.toString(network.handshakeInterval().toSeconds()),
                    "is not shorter than DHT_MEMBERSHIP_TTL=" + ttl + ", so members would expire between handshakes",
                    "fewer seconds than DHT_MEMBERSHIP_TTL");
        }
        MembershipConfig d = MembershipConfig.DEFAULTS;
        // The handshake skew window may not exceed the TTL; a short TTL (tests, small labs) shrinks it with it.
        Duration skew = d.clockSkew().compareTo(Duration.ofSeconds(ttl)) > 0 ? Duration.ofSeconds(ttl) : d.clockSkew();
        return validated(
                "DHT_MEMBERSHIP_TTL",
                () -> new MembershipConfig(
                        k,
                        q,
                        Duration.ofSeconds(ttl),
                        skew,
                        d.replayCacheCapacity(),
                        d.maxPendingHandshakes(),
                        d.receiptsPerMessage(),
                        d.knownNodesPerResponse(),
                        d.maxMembers()),
                d);
    }

    private ReplicationConfig replication() {
        int target = env.intValue("DHT_REPLICATION_TARGET", 3, 3, ReplicationConfig.MAX_REPLICATION_TARGET);
        long leaseTtl = env.integer("DHT_LEASE_TTL", 600, 1, 7 * 86_400);
        long interval = env.integer("DHT_HEARTBEAT_INTERVAL", 60, 1, 3600);
        int misses = env.intValue("DHT_HEARTBEAT_MISS_THRESHOLD", 3, 1, 100);
        int minAsn = env.intValue("DHT_MIN_ASN", 3, 0, ReplicationConfig.MAX_REPLICATION_TARGET);
        int minOctets = env.intValue("DHT_MIN_IP_OCTETS", 3, 0, ReplicationConfig.MAX_REPLICATION_TARGET);
        if (leaseTtl <= interval * misses) {
            env.problem(
                    "DHT_LEASE_TTL",
                    Long.toString(leaseTtl),
                    "does not outlive failure detection (DHT_HEARTBEAT_INTERVAL=" + interval
                            + " x DHT_HEARTBEAT_MISS_THRESHOLD=" + misses + " = " + interval * misses + " s)",
                    "more than " + interval * misses + " seconds, at most 604800");
        }
        for (var diversity :
                Map.of("DHT_MIN_ASN", minAsn, "DHT_MIN_IP_OCTETS", minOctets).entrySet()) {
            if (diversity.getValue() > target) {
                env.problem(
                        diversity.getKey(),
                        Integer.toString(diversity.getValue()),
                        "exceeds DHT_REPLICATION_TARGET=" + target + ", so no set of replicas could meet it",
                        "an integer from 0 to DHT_REPLICATION_TARGET (" + target + ")");
            }
        }
        return validated(
                "DHT_REPLICATION_TARGET",
                () -> new ReplicationConfig(
                        target, Duration.ofSeconds(leaseTtl), Duration.ofSeconds(interval), misses, minAsn, minOctets),
                ReplicationConfig.defaults());
    }

    private AuthConfig auth(NetworkConfig network) {
        boolean localMode = env.bool("LOCAL_MODE", false);
        if (localMode && !env.hasProblemWith("PUBLIC_HOST")) {
            if (LocalMode.check(network.publicHost(), resolver) instanceof LocalMode.Refused refused) {
                env.problem(
                        "LOCAL_MODE",
                        "true",
                        "is refused: " + refused.why() + " (local mode authenticates every request as the local"
                                + " user)",
                        "false, or true with PUBLIC_HOST unset or naming a loopback, private or link-local address");
            }
        }
        var uploader = env.botToken("TELEGRAM_UPLOADER_BOT_TOKEN");
        var client = env.botToken("TELEGRAM_CLIENT_BOT_TOKEN");
        if (uploader.isPresent()
                && client.isPresent()
                && uploader.get().botId().equals(client.get().botId())) {
            // Two pollers of one bot would take each other's updates (Telegram answers the second 409).
            env.problem(
                    "TELEGRAM_CLIENT_BOT_TOKEN",
                    BotToken.mask(client.get().reveal()),
                    "is the same bot as TELEGRAM_UPLOADER_BOT_TOKEN",
                    "the token of another bot than the uploader bot");
        }
        return new AuthConfig(
                uploader, client, env.seconds("TELEGRAM_INIT_DATA_MAX_AGE_SEC", 86_400, 60, 30 * 86_400), localMode);
    }

    private static final java.util.regex.Pattern WEBHOOK_SECRET =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,256}");
    private static final java.util.regex.Pattern TON_ADDRESS =
            java.util.regex.Pattern.compile("[A-Za-z0-9_+/-]{48}|-?[0-9]{1,3}:[0-9a-fA-F]{64}");

    private BotConfig bots() {
        URI apiUrl = env.url("TELEGRAM_BOT_API_URL").orElse(BotConfig.TELEGRAM);
        long fileLimit = env.integer("TELEGRAM_BOT_FILE_LIMIT_MB", BotConfig.TELEGRAM_FILE_LIMIT_MB, 1, 2000);
        Optional<URI> webhookUrl = env.url("TELEGRAM_WEBHOOK_URL");
        Optional<String> secret = env.raw("TELEGRAM_WEBHOOK_SECRET");
        if (webhookUrl.isEmpty() && env.hasProblemWith("TELEGRAM_WEBHOOK_URL")) {
            return new BotConfig(apiUrl, Optional.empty(), fileLimit);
        }
        if (webhookUrl.isPresent() != secret.isPresent()) {
            String unset = webhookUrl.isEmpty() ? "TELEGRAM_WEBHOOK_URL" : "TELEGRAM_WEBHOOK_SECRET";
            String set = webhookUrl.isEmpty() ? "TELEGRAM_WEBHOOK_SECRET" : "TELEGRAM_WEBHOOK_URL";
            env.problem(unset, "", "is unset while " + set + " is set", "both set (webhook mode) or neither (polling)");
            return new BotConfig(apiUrl, Optional.empty(), fileLimit);
        }
        if (webhookUrl.isEmpty()) {
            return new BotConfig(apiUrl, Optional.empty(), fileLimit);
        }
        if (!WEBHOOK_SECRET.matcher(secret.get()).matches()) {
            env.problem(
                    "TELEGRAM_WEBHOOK_SECRET",
                    "<" + secret.get().length() + " characters>",
                    "is not a secret Telegram accepts",
                    "16 to 256 characters of A-Z a-z 0-9 _ -");
            return new BotConfig(apiUrl, Optional.empty(), fileLimit);
        }
        if (!webhookUrl.get().getScheme().equalsIgnoreCase("https")) {
            env.problem(
                    "TELEGRAM_WEBHOOK_URL",
                    webhookUrl.get().toString(),
                    "is not https",
                    "the node's public https:// URL (Telegram delivers webhooks over HTTPS only)");
            return new BotConfig(apiUrl, Optional.empty(), fileLimit);
        }
        return new BotConfig(apiUrl, Optional.of(new BotConfig.Webhook(webhookUrl.get(), secret.get())), fileLimit);
    }

    private PaymentConfig payments() {
        Duration ttl = env.seconds("PURCHASE_INTENT_TTL_SEC", 3600, 60, 7 * 86_400);
        Optional<String> support = env.raw("PAYMENT_SUPPORT_CONTACT").map(String::strip);
        if (support.isPresent() && support.get().length() > 200) {
            env.problem(
                    "PAYMENT_SUPPORT_CONTACT",
                    support.get().substring(0, 20) + "...",
                    "is too long",
                    "at most 200 characters: a @username, an e-mail address or a URL");
        }
        Optional<String> address = env.raw("TON_RECEIVING_ADDRESS");
        Optional<URI> api = env.url("TON_API_URL");
        Optional<String> key = env.raw("TON_API_KEY");
        Duration poll = env.seconds("TON_POLL_INTERVAL_SEC", 10, 2, 3600);
        long tolerance = env.integer(
                "TON_FEE_TOLERANCE_NANOTONS",
                dev.cairn.core.payment.TonAmountRule.DEFAULT_TOLERANCE_NANOTONS,
                0,
                1_000_000_000L);
        if (address.isEmpty()) {
            if (api.isPresent() || key.isPresent()) {
                env.problem(
                        "TON_RECEIVING_ADDRESS",
                        "",
                        "is unset while " + (api.isPresent() ? "TON_API_URL" : "TON_API_KEY") + " is set",
                        "the wallet TON purchases pay into, or unset with TON_API_URL and TON_API_KEY (no TON)");
            }
            return new PaymentConfig(ttl, Optional.empty(), support);
        }
        if (!TON_ADDRESS.matcher(address.get()).matches()) {
            env.problem(
                    "TON_RECEIVING_ADDRESS",
                    address.get(),
                    "is not a TON address",
                    "a user-friendly address (48 characters, e.g. starting EQ or UQ) or a raw one (0:<64 hex digits>)");
            return new PaymentConfig(ttl, Optional.empty(), support);
        }
        if (api.isEmpty()) {
            if (!env.hasProblemWith("TON_API_URL")) {
                env.problem(
                        "TON_API_URL",
                        "",
                        "is unset while TON_RECEIVING_ADDRESS is set",
                        "a toncenter-compatible v2 API URL, e.g. https://host/api/v2");
            }
            return new PaymentConfig(ttl, Optional.empty(), support);
        }
        return new PaymentConfig(
                ttl, Optional.of(new PaymentConfig.Ton(address.get(), api.get(), key, poll, tolerance)), support);
    }

    /**
     * Builds a record of core or of an adapter whose values were checked one by one above; should the record still
     * refuse the combination (a rule this parser does not repeat), its message becomes a problem instead of an
     * exception, so every other problem is still reported.
     */
    private <T> T validated(String variable, Supplier<T> build, T fallback) {
        if (!env.problems().isEmpty()) {
            // Bad values were replaced by defaults; a combination of them says nothing about the operator's input.
            try {
                return build.get();
            } catch (IllegalArgumentException e) {
                return fallback;
            }
        }
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            env.problem(
                    variable,
                    env.raw(variable).orElse("(default)"),
                    "is refused: " + e.getMessage(),
                    "see docs/configuration.md");
            return fallback;
        }
    }

    /** Every variable the parser reads, for the documentation test and the typo warnings. */
    static java.util.Set<String> knownNames() {
        var parser = new NodeConfigParser(Map.of(), host -> List.of());
        parser.parse();
        return parser.env.knownNames();
    }
}
