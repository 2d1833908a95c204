package dev.cairn.app;

import dev.cairn.app.config.ConfigException;
import dev.cairn.app.config.DataDir;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code cairn} command line: picks the command, runs it, and maps every failure to a message and an exit status
 * in this one place (0 success, 1 failure at run time, 2 wrong usage).
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: cairn <command> [arguments]

            Commands:
              run              Run the node: the HTTP API on HTTP_PORT, the overlay with the peers in
                               BOOTSTRAP_PEERS, PostgreSQL (embedded in DATA_DIR unless DATABASE_URL).
                               Every setting is an environment variable: see docs/configuration.md.
              node-id          Print this node's NodeId (64 lowercase hex characters). On first
                               use, creates the node's private key in DATA_DIR/node.key (mode 0600).
              content-id FILE  Print the ContentId of FILE taken as an encrypted blob: its BLAKE3-256
                               in lowercase hex, as `b3sum --no-names FILE` prints it.
              --help           Print this help.

            Environment:
              DATA_DIR         The node's data directory. Default: ./data, relative to the working
                               directory. Created (mode 0700) if missing.
              (run reads many more: docs/configuration.md)

            Exit status: 0 success, 1 failure, 2 wrong usage.
            """;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    /** @param env the environment to read configuration from ({@link System#getenv()} in production) */
    public Cli(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
    }

    /** Runs the command line {@code args} and returns the process exit status. */
    public int run(String... args) {
        if (args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        String name = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (isHelp(name) || rest.stream().anyMatch(Cli::isHelp)) {
            out.print(USAGE_TEXT);
            return OK;
        }
        try {
            Command command = switch (name) {
                case "node-id" -> new NodeIdCommand(DataDir.fromEnv(env), new SecureRandom());
                case "content-id" -> new ContentIdCommand();
                case "run" -> new RunCommand(env);
                default -> throw new UsageException("unknown command '" + name + "'");
            };
            command.run(rest, out);
            out.flush();
            return OK;
        } catch (UsageException e) {
            err.print("cairn: " + e.getMessage() + "\nRun 'cairn --help' for usage.\n");
            return USAGE;
        } catch (ConfigException e) {
            err.print("cairn: configuration error: " + e.getMessage() + "\n");
            return FAILURE;
        } catch (IOException e) {
            err.print("cairn " + name + ": " + describe(e) + "\n");
            return FAILURE;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    /** The JDK's file exceptions carry only the path; say what happened to it. */
    private static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException f -> "no such file: " + f.getFile();
            case AccessDeniedException f -> "permission denied: " + f.getFile();
            case FileSystemException f when f.getReason() != null -> f.getFile() + ": " + f.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.toString();
        };
    }
}
