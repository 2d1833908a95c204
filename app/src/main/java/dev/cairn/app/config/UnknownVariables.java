package dev.cairn.app.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds variables that look like Cairn's but are not: {@code DHT_MIN_RECIEPTS} set instead of {@code DHT_MIN_RECEIPTS}
 * would otherwise leave the default in force without a word. Only Cairn's own prefixes are checked, since the
 * environment also holds the variables of the shell, the JVM and the container.
 */
final class UnknownVariables {
    static final List<String> PREFIXES =
            List.of("CAIRN_", "DHT_", "CONVERT_", "DATABASE_", "HTTP_", "HANDSHAKE_", "PEER_", "IPFS_", "UPLOAD_");

    /**
     * Variables of other programs that share a prefix with Cairn's: the JDK's proxy, and Kubo's own (its
     * {@code docs/environment-variables.md} and its Docker image's), which a shell beside a local daemon often sets.
     */
    static final Set<String> OTHERS = Set.of(
            "HTTP_PROXY",
            "IPFS_PATH",
            "IPFS_PROFILE",
            "IPFS_LOGGING",
            "IPFS_LOGGING_FMT",
            "IPFS_FUSE_DEBUG",
            "IPFS_FD_MAX",
            "IPFS_DIST_PATH",
            "IPFS_NS_MAP",
            "IPFS_HTTP_ROUTERS",
            "IPFS_HTTP_ROUTERS_FILTER_PROTOCOLS",
            "IPFS_CONTENT_BLOCKING_DISABLE",
            "IPFS_WAIT_REPO_LOCK",
            "IPFS_TELEMETRY",
            "IPFS_SWARM_KEY",
            "IPFS_SWARM_KEY_FILE");

    private UnknownVariables() {}

    /** One warning per unknown variable with a Cairn prefix, naming the closest known variable if one is close. */
    static List<String> warnings(Map<String, String> env, Set<String> known) {
        return env.keySet().stream()
                .filter(name -> PREFIXES.stream().anyMatch(name::startsWith))
                .filter(name -> !known.contains(name) && !OTHERS.contains(name))
                .sorted()
                .map(name -> "unknown variable " + name + " is ignored"
                        + closest(name, known)
                                .map(k -> "; did you mean " + k + "?")
                                .orElse(""))
                .toList();
    }

    static Optional<String> closest(String name, Set<String> known) {
        return known.stream()
                .min(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(k -> k))
                .filter(k -> distance(name, k) <= Math.max(2, name.length() / 4));
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
