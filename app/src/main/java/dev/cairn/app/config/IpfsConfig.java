package dev.cairn.app.config;

import dev.cairn.adapters.http.ipfs.KuboIpfs;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubo (IPFS) daemon the node announces content through.
 *
 * @param apiUrl {@code IPFS_API_URL}: Kubo's RPC API; empty means IPFS is off
 * @param peering {@code IPFS_PEERING}: whether Kubo is peered with the IPFS nodes other Cairn nodes announce
 * @param kubo {@code IPFS_CONNECT_TIMEOUT_SEC} and {@code IPFS_TIMEOUT_SEC}, the Kubo client's own settings
 */
public record IpfsConfig(Optional<URI> apiUrl, boolean peering, KuboIpfs.Settings kubo) {
    public IpfsConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(kubo, "kubo");
    }
}
