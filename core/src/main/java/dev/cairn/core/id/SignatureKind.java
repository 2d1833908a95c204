package dev.cairn.core.id;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a signature is for ({@code handshake}, {@code receipt}, {@code dht-record}, ...): the domain-separation tag.
 *
 * <p>The name goes into the signed bytes, so a signature made for one kind of structure never verifies as another,
 * even if their JSON happens to coincide. Names are short lowercase ASCII so the prefix is unambiguous and the same in
 * every encoding.
 */
public record SignatureKind(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** Version of the signing rule; a new rule gets a new prefix, never a new meaning for this one. */
    static final String PREFIX = "cairn-sig-v1:";

    public SignatureKind {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a signature kind is 1-32 characters of [a-z0-9-] starting with a letter, got '" + name + "'");
        }
    }

    /** {@code "cairn-sig-v1:" + name + "\n"} in ASCII. */
    byte[] prefix() {
        return (PREFIX + name + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return name;
    }
}
