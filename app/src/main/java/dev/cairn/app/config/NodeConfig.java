package dev.cairn.app.config;

import dev.cairn.core.auth.HostResolver;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.metrics.MetricsConfig;
import dev.cairn.core.replication.ReplicationConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole node configuration, read once from the environment at start-up; each part is what one component's
 * constructor takes. {@link #toString()} masks every secret.
 */
public record NodeConfig(
        NetworkConfig network,
        HttpConfig http,
        MembershipConfig membership,
        ReplicationConfig replication,
        MetricsConfig metrics,
        StorageConfig storage,
        IpfsConfig ipfs,
        ConversionConfig conversion,
        AuthConfig auth,
        BotConfig bots,
        PaymentConfig payments,
        LogConfig log) {

    public NodeConfig {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(ipfs, "ipfs");
        Objects.requireNonNull(conversion, "conversion");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(bots, "bots");
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(log, "log");
    }

    /** A parsed configuration with the warnings to log once logging runs (unknown variables that look like typos). */
    public record Loaded(NodeConfig config, List<String> warnings) {
        public Loaded {
            Objects.requireNonNull(config, "config");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Reads every variable of {@code docs/configuration.md} from {@code env} ({@link System#getenv()} in production).
     *
     * @param resolver resolves {@code PUBLIC_HOST} for the local-mode check ({@link HostResolver#system()})
     * @throws ConfigException listing every bad variable, its value (secrets masked) and what is allowed
     */
    public static Loaded fromEnv(Map<String, String> env, HostResolver resolver) {
        return new NodeConfigParser(env, resolver).parse();
    }
}
