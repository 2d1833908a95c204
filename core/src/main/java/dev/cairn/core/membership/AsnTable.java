package dev.cairn.core.membership;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An {@link AsnResolver} over an IP-prefix → ASN table, answering by longest-prefix match.
 *
 * <p>File format (UTF-8, one entry per line): {@code <address>/<length> <asn>}, e.g. {@code 203.0.113.0/24 64500} or
 * {@code 2001:db8::/32 64501}, separated by spaces or tabs. {@code #} starts a comment; blank lines are skipped. The
 * address is an IPv4 dotted quad or an IPv6 literal, with no bits set beyond the prefix length (so each prefix has
 * one spelling); lengths are 0..32 or 0..128; the ASN is a decimal in [1, 4294967295]. A prefix listed twice, or any
 * other malformed line, makes the whole table refused with the line number. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:a.b.c.d}) are looked up as IPv4. Immutable and thread-safe.
 */
public final class AsnTable implements AsnResolver {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private static final Pattern ASN = Pattern.compile("[1-9][0-9]{0,9}");

    // Per address length (4 or 16 bytes): prefix length -> masked address -> ASN; longest lengths first.
    private final Map<Integer, TreeMap<Integer, Map<ByteBuffer, Asn>>> byFamily;

    private AsnTable(Map<Integer, TreeMap<Integer, Map<ByteBuffer, Asn>>> byFamily) {
        this.byFamily = byFamily;
    }

    /** Reads a table file. */
    public static AsnTable load(Path file) throws IOException {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses table lines.
     *
     * @throws IllegalArgumentException naming the first bad line by number (from 1) and content
     */
    public static AsnTable parse(List<String> lines) {
        var byFamily = new HashMap<Integer, TreeMap<Integer, Map<ByteBuffer, Asn>>>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            try {
                addEntry(byFamily, content);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " '" + line.strip() + "': " + e.getMessage(), e);
            }
        }
        return new AsnTable(byFamily);
    }

    @Override
    public Optional<Asn> resolve(InetAddress address) {
        byte[] bytes = unmapped(address.getAddress());
        var lengths = byFamily.get(bytes.length);
        if (lengths == null) {
            return Optional.empty();
        }
        for (var entry : lengths.descendingMap().entrySet()) {
            Asn asn = entry.getValue().get(ByteBuffer.wrap(mask(bytes, entry.getKey())));
            if (asn != null) {
                return Optional.of(asn);
            }
        }
        return Optional.empty();
    }

    private static void addEntry(Map<Integer, TreeMap<Integer, Map<ByteBuffer, Asn>>> byFamily, String content) {
        String[] parts = content.split("[ \t]+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected '<address>/<length> <asn>', got " + parts.length + " fields");
        }
        int slash = parts[0].indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("prefix '" + parts[0] + "' has no /length");
        }
        byte[] address = literal(parts[0].substring(0, slash));
        String lengthText = parts[0].substring(slash + 1);
        int maxLength = address.length * 8;
        if (!lengthText.matches("[0-9]{1,3}") || Integer.parseInt(lengthText) > maxLength) {
            throw new IllegalArgumentException("prefix length must be 0.." + maxLength + ", got '" + lengthText + "'");
        }
        int length = Integer.parseInt(lengthText);
        if (!java.util.Arrays.equals(mask(address, length), address)) {
            throw new IllegalArgumentException("prefix " + parts[0] + " has bits set beyond /" + length);
        }
        if (!ASN.matcher(parts[1]).matches() || Long.parseLong(parts[1]) > Asn.MAX) {
            throw new IllegalArgumentException("ASN must be a decimal in [1, " + Asn.MAX + "], got '" + parts[1] + "'");
        }
        var prefixes = byFamily.computeIfAbsent(address.length, k -> new TreeMap<>())
                .computeIfAbsent(length, k -> new HashMap<>());
        if (prefixes.putIfAbsent(ByteBuffer.wrap(address), new Asn(Long.parseLong(parts[1]))) != null) {
            throw new IllegalArgumentException("prefix " + parts[0] + " is listed twice");
        }
    }

    /** Parses an IP literal without ever resolving a name (InetAddress would look a host name up). */
    private static byte[] literal(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.contains(":") && IPV6.matcher(text).matches())) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address literal");
        }
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("IPv4 octet " + octet + " > 255 in '" + text + "'");
                }
            }
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            if (!v4 && bytes.length == 4) {
                throw new IllegalArgumentException("write IPv4-mapped prefixes as IPv4, got '" + text + "'");
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address literal", e);
        }
    }

    private static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return java.util.Arrays.copyOfRange(address, 12, 16);
    }

    private static byte[] mask(byte[] address, int length) {
        byte[] out = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int bits = Math.max(0, Math.min(8, length - 8 * i));
            out[i] = (byte) (address[i] & (0xff << (8 - bits)));
        }
        return out;
    }
}
