package dev.cairn.core.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses: the DNS in production, a map in tests. */
@FunctionalInterface
public interface HostResolver {
    /** Every address {@code host} resolves to; never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver (hosts file, then DNS). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
