package dev.cairn.app.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubo (IPFS) daemon the node announces content through.
 *
 * @param apiUrl {@code IPFS_API_URL}: Kubo's RPC API; empty means IPFS is off
 * @param peering {@code IPFS_PEERING}: whether Kubo is peered with the IPFS nodes other Cairn nodes announce
 */
public record IpfsConfig(Optional<URI> apiUrl, boolean peering) {
    public IpfsConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
    }
}
