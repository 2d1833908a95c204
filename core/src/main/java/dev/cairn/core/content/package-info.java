/** Contents as the node registers them, what kind they are, and the ports that keep them and queue their conversion. */
package dev.cairn.core.content;
