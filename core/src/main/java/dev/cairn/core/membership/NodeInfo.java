package dev.cairn.core.membership;

import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonNull;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodePublicKey;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a node says it is: NodeId and public key, where it can be reached, what it can do, which software it runs.
 *
 * <p>Whether {@code nodeId} really is BLAKE3-256 of {@code publicKey} is the verifier's question
 * ({@link RejectionReason#NODE_ID_MISMATCH}), not this record's, so that the mismatch is reported as such. A public
 * node must name its public host (an absolute http or https URL); a private node may. Capabilities are kept sorted
 * and unique, the only order the wire form accepts.
 */
public record NodeInfo(
        NodeId nodeId,
        NodePublicKey publicKey,
        Optional<URI> publicHost,
        Privacy privacy,
        List<String> capabilities,
        String softwareVersion,
        Optional<IpfsInfo> ipfs) {
    private static final Set<String> FIELDS =
            Set.of("node_id", "public_key", "public_host", "privacy", "capabilities", "software_version", "ipfs");
    private static final Pattern CAPABILITY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public NodeInfo {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(publicHost, "publicHost");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        Objects.requireNonNull(ipfs, "ipfs");
        capabilities = List.copyOf(capabilities);
        publicHost.ifPresent(NodeInfo::requireHttpUrl);
        if (privacy == Privacy.PUBLIC && publicHost.isEmpty()) {
            throw new IllegalArgumentException("a public node must name its public host; node " + nodeId + " has none");
        }
        if (capabilities.size() > Wire.MAX_CAPABILITIES) {
            throw new IllegalArgumentException(
                    "at most " + Wire.MAX_CAPABILITIES + " capabilities, got " + capabilities.size());
        }
        for (int i = 0; i < capabilities.size(); i++) {
            String c = capabilities.get(i);
            if (!CAPABILITY.matcher(c).matches()) {
                throw new IllegalArgumentException(
                        "a capability is 1-64 characters of [a-z0-9._-] starting with a letter or digit, got "
                                + Wire.describe(c));
            }
            if (i > 0 && capabilities.get(i - 1).compareTo(c) >= 0) {
                throw new IllegalArgumentException(
                        "capabilities must be strictly ascending, got " + capabilities.get(i - 1) + " before " + c);
            }
        }
        if (softwareVersion.isEmpty() || softwareVersion.length() > Wire.MAX_STRING) {
            throw new IllegalArgumentException("software version has 1.." + Wire.MAX_STRING + " characters, got "
                    + Wire.describe(softwareVersion));
        }
    }

    JsonObject toJson() {
        return JsonObject.builder()
                .put(
                        "capabilities",
                        new JsonArray(capabilities.stream()
                                .<JsonValue>map(JsonString::new)
                                .toList()))
                .put("ipfs", ipfs.<JsonValue>map(IpfsInfo::toJson).orElse(JsonNull.INSTANCE))
                .put("node_id", nodeId.hex())
                .put("privacy", privacy.wire())
                .put("public_host", Wire.nullable(publicHost.map(URI::toString)))
                .put("public_key", publicKey.hex())
                .put("software_version", softwareVersion)
                .build();
    }

    static NodeInfo fromJson(String what, JsonObject json) {
        Wire.requireExactly(what, json, FIELDS);
        List<String> capabilities = Wire.list(what, json, "capabilities", Wire.MAX_CAPABILITIES, v -> {
            if (v instanceof JsonString(String s)) {
                return s;
            }
            throw Wire.malformed(what + ".capabilities holds " + Wire.describe(v) + ", expected strings");
        });
        JsonValue ipfs = Wire.get(what, json, "ipfs", JsonValue.class);
        try {
            return new NodeInfo(
                    Wire.nodeId(what, json, "node_id"),
                    Wire.publicKey(what, json, "public_key"),
                    Wire.optionalString(what, json, "public_host").map(URI::create),
                    Privacy.fromWire(Wire.string(what, json, "privacy")),
                    capabilities,
                    Wire.string(what, json, "software_version"),
                    ipfs instanceof JsonNull
                            ? Optional.empty()
                            : Optional.of(IpfsInfo.fromJson(Wire.object(what + ".ipfs", ipfs))));
        } catch (IllegalArgumentException e) {
            throw Wire.malformed(what + ": " + e.getMessage());
        }
    }

    private static void requireHttpUrl(URI uri) {
        String text = uri.toString();
        boolean ok = text.length() <= Wire.MAX_STRING
                && uri.isAbsolute()
                && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                && uri.getHost() != null
                && uri.getRawUserInfo() == null;
        if (!ok) {
            throw new IllegalArgumentException("public host must be an absolute http(s) URL with a host, no user info,"
                    + " at most " + Wire.MAX_STRING + " characters; got " + Wire.describe(text));
        }
    }
}
