package dev.cairn.core.auth;

import dev.cairn.core.user.TelegramProfile;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Local mode: trying Cairn without Telegram, where every request without {@code initData} is the fixed
 * {@link #LOCAL_USER}. Since that means no authentication at all, a node may run in local mode only while nothing
 * outside its machine or private network is told to reach it: {@link #check} refuses a public host that names or
 * resolves to any address whose {@link AddressScope} is not local.
 */
public final class LocalMode {
    /**
     * The user every request is in local mode. Telegram ids of real accounts are far larger than 1, and a local-mode
     * node never joins the public network, so this id collides with no one it meets.
     */
    public static final TelegramProfile LOCAL_USER =
            new TelegramProfile(1, "Local user", Optional.empty(), Optional.of("local"), Optional.of("en"), false);

    // An IPv4 literal, or anything with a colon (an IPv6 literal; URI keeps its brackets): no DNS for these.
    private static final Pattern IP_LITERAL =
            Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?");

    private LocalMode() {}

    /** The outcome of {@link #check}. */
    public sealed interface Decision permits Allowed, Refused {}

    /** Local mode may run: the public host, if any, reaches only these local addresses. */
    public record Allowed(List<InetAddress> addresses) implements Decision {
        public Allowed {
            addresses = List.copyOf(addresses);
        }
    }

    /** Local mode must not run; {@code why} names the host and the offending address. */
    public record Refused(String why) implements Decision {
        public Refused {
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * Whether local mode may run with {@code publicHost} as the node's advertised address.
     *
     * @param publicHost the node's {@code PUBLIC_HOST}, empty if it advertises none
     * @param resolver consulted only for host names; IP literals are classified as written
     */
    public static Decision check(Optional<URI> publicHost, HostResolver resolver) {
        if (publicHost.isEmpty()) {
            return new Allowed(List.of());
        }
        String host = publicHost.get().getHost();
        if (host == null || host.isEmpty()) {
            return new Refused("public host " + publicHost.get() + " names no host");
        }
        List<InetAddress> addresses;
        try {
            addresses = IP_LITERAL.matcher(host).matches()
                    ? List.of(InetAddress.getByName(host)) // a literal: parsed, never looked up
                    : resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Refused("public host " + host + " does not resolve, so it cannot be shown to be local");
        }
        if (addresses.isEmpty()) {
            return new Refused("public host " + host + " resolves to no address");
        }
        for (InetAddress address : addresses) {
            AddressScope scope = AddressScope.of(address);
            if (!scope.isLocal()) {
                return new Refused("public host " + host + " resolves to " + address.getHostAddress() + ", a "
                        + scope.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + " address; local mode needs loopback, private or link-local addresses only");
            }
        }
        return new Allowed(addresses);
    }
}
