package dev.cairn.app.config;

import static dev.cairn.app.config.NodeConfigTest.failure;
import static dev.cairn.app.config.NodeConfigTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.membership.HandshakeRateLimit;
import dev.cairn.adapters.http.membership.PeerTransportConfig;
import dev.cairn.adapters.http.server.HttpServerConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpConfigTest {
    @Test
    void unsetVariablesGiveTheAdaptersDefaults() {
        HttpConfig http = parse(Map.of()).http();

        assertThat(http.server().host()).isEqualTo("0.0.0.0");
        assertThat(http.server().port()).isEqualTo(8080);
        assertThat(http.server().maxRequestBytes()).isEqualTo(1 << 20);
        assertThat(http.server().stopTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(http.handshakeRateLimit()).isEqualTo(new HandshakeRateLimit(1.0, 10, 65_536));
        assertThat(http.peerTransport())
                .isEqualTo(new PeerTransportConfig(Duration.ofSeconds(5), Duration.ofSeconds(10), true, 1 << 20));
    }

    @Test
    void thePortAndTlsVerificationAreTheNetworkSettingsReadOnce() {
        NodeConfig config = parse(Map.of("HTTP_PORT", "9443", "PEER_TLS_VERIFY", "off"));

        assertThat(config.http().server().port())
                .isEqualTo(config.network().httpPort())
                .isEqualTo(9443);
        assertThat(config.http().peerTransport().tlsVerify())
                .isEqualTo(config.network().peerTlsVerify())
                .isFalse();
        assertThat(failure(Map.of("PEER_TLS_VERIFY", "maybe")).problems()).hasSize(1);
    }

    @Test
    void theRecordsBoundsAreAccepted() {
        HttpConfig low = parse(Map.of(
                        "HTTP_MAX_REQUEST_BYTES", "1024",
                        "HTTP_STOP_TIMEOUT_SEC", "0",
                        "HANDSHAKE_RATE_PER_SEC", "0.001",
                        "HANDSHAKE_RATE_BURST", "1",
                        "HANDSHAKE_RATE_MAX_ADDRESSES", "1",
                        "PEER_CONNECT_TIMEOUT_SEC", "1",
                        "PEER_REQUEST_TIMEOUT_SEC", "1",
                        "PEER_MAX_RESPONSE_BYTES", "1024"))
                .http();
        HttpConfig high = parse(Map.of(
                        "HTTP_MAX_REQUEST_BYTES", "1073741824",
                        "HTTP_STOP_TIMEOUT_SEC", "600",
                        "HANDSHAKE_RATE_PER_SEC", "10000",
                        "HANDSHAKE_RATE_BURST", "10000",
                        "HANDSHAKE_RATE_MAX_ADDRESSES", "16777216",
                        "PEER_CONNECT_TIMEOUT_SEC", "600",
                        "PEER_REQUEST_TIMEOUT_SEC", "600",
                        "PEER_MAX_RESPONSE_BYTES", "67108864"))
                .http();

        assertThat(low)
                .isEqualTo(new HttpConfig(
                        new HttpServerConfig("0.0.0.0", 8080, 1024, Duration.ZERO),
                        new HandshakeRateLimit(0.001, 1, 1),
                        new PeerTransportConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), true, 1024)));
        assertThat(high)
                .isEqualTo(new HttpConfig(
                        new HttpServerConfig("0.0.0.0", 8080, 1L << 30, Duration.ofMinutes(10)),
                        new HandshakeRateLimit(10_000, 10_000, 1 << 24),
                        new PeerTransportConfig(Duration.ofMinutes(10), Duration.ofMinutes(10), true, 64 << 20)));
    }

    @Test
    void eachBadValueNamesTheVariableTheValueAndWhatIsAllowed() {
        assertThat(failure(Map.of("HTTP_MAX_REQUEST_BYTES", "1023")).getMessage())
                .isEqualTo("HTTP_MAX_REQUEST_BYTES='1023' is out of range;"
                        + " allowed: an integer from 1024 to 1073741824");
        assertThat(failure(Map.of("HTTP_MAX_REQUEST_BYTES", "1MiB")).getMessage())
                .isEqualTo("HTTP_MAX_REQUEST_BYTES='1MiB' is not an integer;"
                        + " allowed: an integer from 1024 to 1073741824");
        assertThat(failure(Map.of("HTTP_STOP_TIMEOUT_SEC", "-1")).getMessage())
                .isEqualTo("HTTP_STOP_TIMEOUT_SEC='-1' is out of range; allowed: an integer from 0 to 600");
        assertThat(failure(Map.of("HANDSHAKE_RATE_PER_SEC", "0.0009")).getMessage())
                .isEqualTo("HANDSHAKE_RATE_PER_SEC='0.0009' is out of range;"
                        + " allowed: a decimal number from 0.001 to 10000.0");
        assertThat(failure(Map.of("HANDSHAKE_RATE_PER_SEC", "1e3")).getMessage())
                .isEqualTo("HANDSHAKE_RATE_PER_SEC='1e3' is not a decimal number;"
                        + " allowed: a decimal number from 0.001 to 10000.0");
        assertThat(failure(Map.of("HANDSHAKE_RATE_BURST", "ten")).getMessage())
                .isEqualTo("HANDSHAKE_RATE_BURST='ten' is not an integer; allowed: an integer from 1 to 10000");
        assertThat(failure(Map.of("HANDSHAKE_RATE_MAX_ADDRESSES", "16777217")).getMessage())
                .isEqualTo("HANDSHAKE_RATE_MAX_ADDRESSES='16777217' is out of range;"
                        + " allowed: an integer from 1 to 16777216");
        assertThat(failure(Map.of("PEER_CONNECT_TIMEOUT_SEC", "0")).getMessage())
                .isEqualTo("PEER_CONNECT_TIMEOUT_SEC='0' is out of range; allowed: an integer from 1 to 600");
        assertThat(failure(Map.of("PEER_REQUEST_TIMEOUT_SEC", "601")).getMessage())
                .isEqualTo("PEER_REQUEST_TIMEOUT_SEC='601' is out of range; allowed: an integer from 1 to 600");
        assertThat(failure(Map.of("PEER_MAX_RESPONSE_BYTES", "67108865")).getMessage())
                .isEqualTo("PEER_MAX_RESPONSE_BYTES='67108865' is out of range;"
                        + " allowed: an integer from 1024 to 67108864");
    }

    @Test
    void badHttpValuesAreReportedWithEveryOtherBadVariable() {
        ConfigException e = failure(Map.of(
                "HTTP_PORT", "eighty",
                "HTTP_STOP_TIMEOUT_SEC", "forever",
                "HANDSHAKE_RATE_PER_SEC", "0",
                "PEER_MAX_RESPONSE_BYTES", "1",
                "DATABASE_POOL_SIZE", "0",
                "DHT_MIN_RECEIPTS", "many"));

        assertThat(e.problems())
                .extracting(ConfigProblem::variable)
                .containsExactlyInAnyOrder(
                        "HTTP_PORT",
                        "HTTP_STOP_TIMEOUT_SEC",
                        "HANDSHAKE_RATE_PER_SEC",
                        "PEER_MAX_RESPONSE_BYTES",
                        "DATABASE_POOL_SIZE",
                        "DHT_MIN_RECEIPTS");
        assertThat(e.getMessage()).startsWith("6 invalid variables:\n  ");
    }
}
