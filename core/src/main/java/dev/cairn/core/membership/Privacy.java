package dev.cairn.core.membership;

/** Whether a node accepts inbound handshakes at a public host ({@code public}) or only calls out ({@code private}). */
public enum Privacy {
    PUBLIC("public"),
    PRIVATE("private");

    private final String wire;

    Privacy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static Privacy fromWire(String value) {
        for (Privacy p : values()) {
            if (p.wire.equals(value)) {
                return p;
            }
        }
        throw Wire.malformed("privacy must be \"public\" or \"private\", got " + Wire.describe(value));
    }
}
