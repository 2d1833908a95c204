package dev.cairn.app;

import dev.cairn.app.config.NodeConfig;
import dev.cairn.app.node.CairnNode;
import dev.cairn.core.auth.HostResolver;
import dev.cairn.core.port.SystemClock;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cairn run}: starts the node and serves until the process is asked to stop (SIGTERM, SIGINT), then shuts down
 * gracefully: requests in flight finish, the overlay stops, the database closes.
 */
final class RunCommand implements Command {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    private final Map<String, String> env;

    RunCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void run(List<String> args, PrintStream out) throws IOException {
        if (!args.isEmpty()) {
            throw new UsageException("run takes no arguments; configure the node with environment variables");
        }
        NodeConfig.Loaded loaded = NodeConfig.fromEnv(env, HostResolver.system());
        loaded.warnings().forEach(w -> log.atWarn().log(w));
        CairnNode node = CairnNode.start(loaded.config(), SystemClock.INSTANCE, version());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("cairn-shutdown").unstarted(() -> {
                    log.atInfo().log("stopping");
                    node.close();
                    log.atInfo().log("stopped");
                    stopped.countDown();
                }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The version in the runnable jar's manifest, or "dev" when run from classes. */
    static String version() {
        String version = RunCommand.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
