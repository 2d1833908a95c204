package dev.cairn.app;

import dev.cairn.app.config.DataDir;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.NodeKeyFile;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;

/** {@code cairn node-id}: prints this node's NodeId, creating its key on first use. */
final class NodeIdCommand implements Command {
    private final DataDir config;
    private final SecureRandom random;

    NodeIdCommand(DataDir config, SecureRandom random) {
        this.config = config;
        this.random = random;
    }

    @Override
    public void run(List<String> args, PrintStream out) throws IOException {
        if (!args.isEmpty()) {
            throw new UsageException("node-id takes no arguments, got " + args);
        }
        config.createDataDir();
        NodeIdentity identity = NodeKeyFile.loadOrCreate(config.nodeKeyFile(), random);
        out.print(identity.nodeId().hex() + "\n");
    }
}
