package dev.cairn.app.config;

import dev.cairn.adapters.postgres.DatabaseSettings;
import dev.cairn.adapters.postgres.DatabaseUrl;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code DATABASE_*} variables, parsed by the PostgreSQL adapter itself ({@link DatabaseSettings#fromEnvironment})
 * so the rules live in one place; its refusals become problems of the one {@link ConfigException}.
 */
final class DatabaseVariables {
    private static final List<String> VARIABLES = List.of(
            DatabaseUrl.VARIABLE,
            DatabaseSettings.POOL_SIZE_VARIABLE,
            DatabaseSettings.CONNECTION_TIMEOUT_VARIABLE,
            DatabaseSettings.EMBEDDED_USER_VARIABLE);

    /** What each variable accepts, for the problem; the adapter's own message says what is wrong. */
    private static final Map<String, String> ALLOWED = Map.of(
            DatabaseUrl.VARIABLE,
            "postgres://user:password@host:port/database (also postgresql://) or jdbc:postgresql://host:port/database;"
                    + " unset: the embedded PostgreSQL",
            DatabaseSettings.POOL_SIZE_VARIABLE,
            "an integer from 1 to " + DatabaseSettings.MAX_POOL_SIZE,
            DatabaseSettings.CONNECTION_TIMEOUT_VARIABLE,
            "an integer from 250 to 600000 (milliseconds)",
            DatabaseSettings.EMBEDDED_USER_VARIABLE,
            "a numeric uid:gid other than root, such as 65534:65534");

    private DatabaseVariables() {}

    /** The database settings, or the embedded database's defaults after recording every bad variable in {@code env}. */
    static DatabaseSettings read(Env env, Path dataDir) {
        var given = new LinkedHashMap<String, String>();
        VARIABLES.forEach(name -> env.raw(name).ifPresent(value -> given.put(name, value)));
        try {
            return DatabaseSettings.fromEnvironment(given, dataDir);
        } catch (IllegalArgumentException refused) {
            // The adapter stops at the first bad variable; each one alone, the others at their defaults, finds them
            // all.
            given.forEach((name, value) -> {
                try {
                    DatabaseSettings.fromEnvironment(Map.of(name, value), dataDir);
                } catch (IllegalArgumentException e) {
                    problem(env, name, value, e.getMessage());
                }
            });
            if (given.keySet().stream().noneMatch(env::hasProblemWith)) {
                // Every value passes alone, so the adapter refused their combination.
                String name = VARIABLES.stream()
                        .filter(n -> refused.getMessage().startsWith(n + " "))
                        .findFirst()
                        .orElse(DatabaseUrl.VARIABLE);
                problem(env, name, given.getOrDefault(name, "(default)"), refused.getMessage());
            }
            return DatabaseSettings.embedded(dataDir);
        }
    }

    private static void problem(Env env, String name, String value, String message) {
        // The adapter's messages start with the variable's name and never contain the password.
        String problem = Optional.of(message)
                .filter(m -> m.startsWith(name + " "))
                .map(m -> m.substring(name.length() + 1))
                .orElse(message);
        String shown = name.equals(DatabaseUrl.VARIABLE) ? Env.maskUrl(value) : value;
        env.problem(name, shown, problem, ALLOWED.get(name));
    }
}
