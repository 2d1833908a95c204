/**
 * The Kubo (IPFS) RPC client: {@link dev.cairn.adapters.http.ipfs.KuboIpfs} speaks {@code /api/v0} to the node's own
 * daemon. See {@code docs/ipfs.md}.
 */
package dev.cairn.adapters.http.ipfs;
