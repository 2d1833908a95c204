package dev.cairn.core.auth;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * How far an IP address reaches: only this machine, a private or link-local network, or the internet. Local mode
 * accepts the first three and refuses the rest.
 */
public enum AddressScope {
    /** 127.0.0.0/8, ::1. */
    LOOPBACK(true),
    /** RFC 1918 (10/8, 172.16/12, 192.168/16) and IPv6 unique local addresses (fc00::/7). */
    PRIVATE(true),
    /** 169.254/16, fe80::/10. */
    LINK_LOCAL(true),
    /** 0.0.0.0 or ::, "every interface": names no host, and a server bound there is reachable from outside. */
    UNSPECIFIED(false),
    /** 100.64/10 (RFC 6598): shared by every customer of a carrier, so not private to the operator. */
    CARRIER_SHARED(false),
    /** Multicast and other addresses of no single host. */
    MULTICAST(false),
    /** Everything else: assume the internet can reach it. */
    PUBLIC(false);

    private final boolean local;

    AddressScope(boolean local) {
        this.local = local;
    }

    /** Whether the address is reachable only from this machine or its private network. */
    public boolean isLocal() {
        return local;
    }

    /** The scope of {@code address}; IPv4-mapped IPv6 addresses are classified as the IPv4 address they carry. */
    public static AddressScope of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && isIpv4Mapped(b)) {
            return ofIpv4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        return address instanceof Inet4Address ? ofIpv4(b) : ofIpv6(b);
    }

    private static AddressScope ofIpv4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        if (o0 == 0) {
            // 0.0.0.0/8 is "this network"; as a host it means every interface.
            return UNSPECIFIED;
        }
        if (o0 == 127) {
            return LOOPBACK;
        }
        if (o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168)) {
            return PRIVATE;
        }
        if (o0 == 169 && o1 == 254) {
            return LINK_LOCAL;
        }
        if (o0 == 100 && o1 >= 64 && o1 <= 127) {
            return CARRIER_SHARED;
        }
        if (o0 >= 224) {
            return MULTICAST;
        }
        return PUBLIC;
    }

    private static AddressScope ofIpv6(byte[] b) {
        boolean allZeroButLast = true;
        for (int i = 0; i < 15; i++) {
            allZeroButLast &= b[i] == 0;
        }
        if (allZeroButLast && b[15] == 0) {
            return UNSPECIFIED;
        }
        if (allZeroButLast && b[15] == 1) {
            return LOOPBACK;
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return PRIVATE;
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return LINK_LOCAL;
        }
        if ((b[0] & 0xff) == 0xff) {
            return MULTICAST;
        }
        return PUBLIC;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
