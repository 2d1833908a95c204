package dev.cairn.core.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsnTableTest {
    private static final AsnTable TABLE = AsnTable.parse(List.of(
            "# documentation prefixes",
            "203.0.113.0/24 64500",
            "203.0.113.128/25\t64501   # a more specific announcement",
            "",
            "0.0.0.0/0 64999",
            "2001:db8::/32 64510",
            "2001:db8:1::/48 64511"));

    private static Optional<Asn> resolve(String address) throws IOException {
        return TABLE.resolve(InetAddress.getByName(address));
    }

    @Test
    void theLongestMatchingPrefixWins() throws IOException {
        assertThat(resolve("203.0.113.7")).contains(new Asn(64500));
        assertThat(resolve("203.0.113.200")).contains(new Asn(64501));
        assertThat(resolve("198.51.100.1")).contains(new Asn(64999));
        assertThat(resolve("2001:db8:1::5")).contains(new Asn(64511));
        assertThat(resolve("2001:db8:2::5")).contains(new Asn(64510));
    }

    @Test
    void anAddressOutsideEveryPrefixHasNoAsn() throws IOException {
        assertThat(resolve("2001:db9::1")).isEmpty();
        assertThat(AsnTable.parse(List.of()).resolve(InetAddress.getByName("10.0.0.1")))
                .isEmpty();
    }

    @Test
    void anIpv4MappedIpv6AddressIsLookedUpAsIpv4() throws IOException {
        var mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 203, 0, 113, 9});
        assertThat(TABLE.resolve(mapped)).contains(new Asn(64500));
    }

    @Test
    void badLinesAreRefusedWithTheirLineNumber() {
        assertBad(List.of("# ok", "203.0.113.0 64500"), "line 2", "no /length");
        assertBad(List.of("203.0.113.0/33 64500"), "line 1", "0..32");
        assertBad(List.of("203.0.113.1/24 64500"), "line 1", "bits set beyond /24");
        assertBad(List.of("203.0.113.0/24 0"), "line 1", "ASN");
        assertBad(List.of("203.0.113.0/24 4294967296"), "line 1", "ASN");
        assertBad(List.of("203.0.113.0/24"), "line 1", "1 fields");
        assertBad(List.of("example.com/24 64500"), "line 1", "not an IPv4 or IPv6 address literal");
        assertBad(List.of("256.0.0.0/8 64500"), "line 1", "256");
        assertBad(List.of("10.0.0.0/8 1", "10.0.0.0/8 2"), "line 2", "listed twice");
        assertBad(List.of("2001:db8::/129 1"), "line 1", "0..128");
    }

    @Test
    void aTableIsReadFromAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("asn.txt"), "192.0.2.0/24 64496\n");

        assertThat(AsnTable.load(file).resolve(InetAddress.getByName("192.0.2.1")))
                .contains(new Asn(64496));
    }

    private static void assertBad(List<String> lines, String... mentions) {
        var thrown = assertThatThrownBy(() -> AsnTable.parse(lines)).isInstanceOf(IllegalArgumentException.class);
        for (String m : mentions) {
            thrown.hasMessageContaining(m);
        }
    }
}
