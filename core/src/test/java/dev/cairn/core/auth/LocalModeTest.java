package dev.cairn.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalModeTest {
    /** A fake DNS: names map to addresses; anything else does not resolve. Literals never reach it. */
    static final HostResolver DNS = host -> {
        Map<String, String> table = Map.of(
                "localhost", "127.0.0.1",
                "cairn", "172.18.0.5",
                "home.lan", "192.168.1.20",
                "node.example", "203.0.113.7",
                "split.example", "10.0.0.1");
        if (host.equals("dual.example")) {
            return List.of(InetAddress.getByName("10.0.0.2"), InetAddress.getByName("2001:db8::1"));
        }
        String address = table.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    };

    static final HostResolver NO_DNS = host -> {
        throw new AssertionError("looked up " + host);
    };

    @Test
    void loopbackPrivateAndLinkLocalHostsAreAccepted() {
        for (String url : List.of(
                "http://localhost:8080",
                "http://127.0.0.1",
                "http://10.1.2.3:8080",
                "http://192.168.0.10",
                "http://172.16.0.1",
                "http://172.31.255.255",
                "http://169.254.1.1",
                "http://[::1]:8080",
                "http://[fd00::1]",
                "http://[fe80::1]",
                "http://cairn:8080",
                "https://home.lan")) {
            assertThat(LocalMode.check(Optional.of(URI.create(url)), DNS))
                    .as(url)
                    .isInstanceOf(LocalMode.Allowed.class);
        }
    }

    @Test
    void publicHostsAreRefusedNamingTheAddress() {
        assertThat(LocalMode.check(Optional.of(URI.create("https://node.example")), DNS))
                .isEqualTo(new LocalMode.Refused("public host node.example resolves to 203.0.113.7, a public address;"
                        + " local mode needs loopback, private or link-local addresses only"));
        for (String url : List.of(
                "http://8.8.8.8",
                "http://172.32.0.1",
                "http://100.64.0.1",
                "http://0.0.0.0:8080",
                "http://[2001:db8::1]",
                "http://[::]",
                "http://[::ffff:8.8.8.8]",
                "http://224.0.0.1",
                "http://dual.example",
                "http://unknown.example")) {
            assertThat(LocalMode.check(Optional.of(URI.create(url)), DNS))
                    .as(url)
                    .isInstanceOf(LocalMode.Refused.class);
        }
    }

    @Test
    void aNameResolvingOnlyToPrivateAddressesIsAccepted() {
        assertThat(LocalMode.check(Optional.of(URI.create("http://split.example")), DNS))
                .isInstanceOf(LocalMode.Allowed.class);
    }

    @Test
    void ipLiteralsAreClassifiedWithoutALookup() {
        assertThat(LocalMode.check(Optional.of(URI.create("http://10.0.0.1")), NO_DNS))
                .isInstanceOf(LocalMode.Allowed.class);
        assertThat(LocalMode.check(Optional.of(URI.create("http://[2001:db8::1]")), NO_DNS))
                .isInstanceOf(LocalMode.Refused.class);
    }

    @Test
    void noPublicHostMeansNothingIsAdvertised() {
        assertThat(LocalMode.check(Optional.empty(), NO_DNS)).isEqualTo(new LocalMode.Allowed(List.of()));
    }

    @Test
    void ipv4MappedAddressesAreClassifiedAsIpv4() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        var v6 = java.net.Inet6Address.getByAddress(null, mapped, null);

        assertThat(AddressScope.of(v6)).isEqualTo(AddressScope.PRIVATE);
    }

    @Test
    void inLocalModeARequestWithoutInitDataIsTheLocalUser() {
        var authenticator = new Authenticator(Optional.empty(), true);

        assertThat(authenticator.authenticate(Optional.empty())).isEqualTo(LocalMode.LOCAL_USER);
    }

    @Test
    void inLocalModeAGivenInitDataIsStillChecked() {
        var clock = new dev.cairn.core.port.ManualClock(InitDataValidatorTest.AUTH_DATE * 1000);
        var validator = new InitDataValidator(InitDataValidatorTest.TOKEN, Duration.ofHours(1), Duration.ZERO, clock);
        var authenticator = new Authenticator(Optional.of(validator), true);

        assertThat(authenticator
                        .authenticate(Optional.of(InitDataValidatorTest.VALID))
                        .telegramId())
                .isEqualTo(279058397);
        assertThatThrownBy(() -> authenticator.authenticate(Optional.of(InitDataValidatorTest.VALID + "x")))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void outsideLocalModeARequestWithoutInitDataIsNobody() {
        var clock = new dev.cairn.core.port.ManualClock(0);
        var validator = new InitDataValidator(InitDataValidatorTest.TOKEN, Duration.ofHours(1), Duration.ZERO, clock);

        assertThatThrownBy(() -> new Authenticator(Optional.of(validator), false).authenticate(Optional.empty()))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.MISSING));
        assertThatThrownBy(() -> new Authenticator(Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBotTokenNeverShowsItsSecret() {
        var token = BotToken.of("123456789:AAH-test_token_for_cairn_vectors_0123");

        assertThat(token.toString()).isEqualTo("BotToken[123456789:****]").doesNotContain("AAH");
        assertThat(token.botId()).isEqualTo("123456789");
        assertThatThrownBy(() -> BotToken.of("123:short-secret"))
                .hasMessageContaining("'123:****'")
                .hasMessageNotContaining("short-secret");
        assertThat(BotToken.mask("no-colon-secret")).isEqualTo("****");
    }
}
