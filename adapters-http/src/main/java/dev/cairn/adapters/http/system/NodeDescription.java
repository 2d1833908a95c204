package dev.cairn.adapters.http.system;

import dev.cairn.core.id.NodeId;
import java.util.Objects;

/**
 * What {@code GET /api/system.version} says about this node.
 *
 * @param softwareVersion the running build, such as {@code cairn/0.1.0}
 * @param nodeId this node's NodeId
 * @param startedAtMillis when the node started, on the clock given to {@link SystemRoutes}
 */
public record NodeDescription(String softwareVersion, NodeId nodeId, long startedAtMillis) {
    public NodeDescription {
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        Objects.requireNonNull(nodeId, "nodeId");
        if (softwareVersion.isBlank() || softwareVersion.length() > 256) {
            throw new IllegalArgumentException("software version must be 1-256 characters: '" + softwareVersion + "'");
        }
    }
}
