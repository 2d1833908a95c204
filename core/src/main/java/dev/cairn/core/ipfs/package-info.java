/** IPFS as the node uses it: the port to the daemon and CID values. */
package dev.cairn.core.ipfs;
