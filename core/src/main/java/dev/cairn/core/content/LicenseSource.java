package dev.cairn.core.content;

import java.util.Locale;

/** How a user came to hold a license; the {@code licenses.granted_by} column. */
public enum LicenseSource {
    /** The uploader. Owners need no row to be licensed; the value exists for an owner recorded explicitly. */
    OWNER,
    /** A paid payment, whose id the license keeps. */
    PURCHASE,
    /** Given without payment: a gift, a promotion, support. */
    GRANT;

    /** The lower-case wire and database form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of a wire form. */
    public static LicenseSource fromWire(String wire) {
        for (LicenseSource s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("a license source is owner, purchase or grant, got '" + wire + "'");
    }
}
