package dev.cairn.core.ipfs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPFS content identifier as Kubo prints it: a CIDv1 in base32 (lowercase, {@code b} prefix). Only the syntax is
 * checked; the adapter never derives meaning from the string.
 */
public record Cid(String value) {
    private static final Pattern BASE32_V1 = Pattern.compile("b[a-z2-7]{20,200}");

    public Cid {
        Objects.requireNonNull(value, "value");
        if (!BASE32_V1.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a CID here is a CIDv1 in lowercase base32 (b...), 21 to 201 characters: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
