package dev.cairn.core.replication;

/** Whether a content's lease holders span enough IPv4 first octets and ASNs; never silently accepted when short. */
public sealed interface Diversity permits Diversity.Diverse, Diversity.UnderDiverse {
    /** Distinct known IPv4 first octets among the holders. */
    int distinctOctets();

    /** Distinct known ASNs among the holders. */
    int distinctAsns();

    /** The holders meet {@code DHT_MIN_IP_OCTETS} and, where ASNs are known, {@code DHT_MIN_ASN}. */
    record Diverse(int distinctOctets, int distinctAsns) implements Diversity {}

    /** The holders fall short; {@code reason} says of what, and whether the population could have done better. */
    record UnderDiverse(int distinctOctets, int distinctAsns, String reason) implements Diversity {}

    default boolean satisfied() {
        return this instanceof Diverse;
    }
}
