package dev.cairn.app;

import dev.cairn.app.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** One subcommand of the {@code cairn} command line. */
interface Command {
    /**
     * Runs with the arguments that follow the command name, writing results to {@code out}.
     *
     * @throws UsageException if the arguments are wrong
     * @throws ConfigException if the configuration is
     * @throws IOException if the work itself fails
     */
    void run(List<String> args, PrintStream out) throws IOException;
}
