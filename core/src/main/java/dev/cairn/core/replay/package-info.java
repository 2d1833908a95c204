/** Replay protection shared by every signed message that carries a (sender, nonce, timestamp). */
package dev.cairn.core.replay;
