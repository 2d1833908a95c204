package dev.cairn.core.crdt;

/** The CRDT kinds of the wire format, each with the type tag that follows the format version byte. */
public enum CrdtKind {
    G_COUNTER(0x01),
    PN_COUNTER(0x02),
    LWW_REGISTER(0x03),
    LWW_ELEMENT_SET(0x04),
    HYPER_LOG_LOG(0x05);

    private final int tag;

    CrdtKind(int tag) {
        this.tag = tag;
    }

    public int tag() {
        return tag;
    }

    /** The kind of a value, which the sealed family makes exhaustive. */
    public static CrdtKind of(Crdt<?> value) {
        return switch (value) {
            case GCounter g -> G_COUNTER;
            case PNCounter p -> PN_COUNTER;
            case LwwRegister<?> r -> LWW_REGISTER;
            case LwwElementSet<?> s -> LWW_ELEMENT_SET;
            case HyperLogLog h -> HYPER_LOG_LOG;
        };
    }

    /** The kind with this tag, or null. */
    static CrdtKind ofTag(int tag) {
        for (CrdtKind kind : values()) {
            if (kind.tag == tag) {
                return kind;
            }
        }
        return null;
    }
}
