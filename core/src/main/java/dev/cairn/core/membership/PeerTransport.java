package dev.cairn.core.membership;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;

/**
 * Port: delivers a handshake to a peer and brings back its response. The HTTP adapter posts to
 * {@code <peer>/api/v1/network.handshake}; the simulator and tests call another in-memory {@link Membership}.
 */
@FunctionalInterface
public interface PeerTransport {
    /** The peer's response, with the address the response came from. */
    record Reply(HandshakeResponse response, InetAddress responderAddress) {}

    Reply handshake(URI peer, HandshakeRequest request) throws IOException;
}
