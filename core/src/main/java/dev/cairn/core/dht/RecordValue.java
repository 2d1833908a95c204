package dev.cairn.core.dht;

/**
 * What a DHT key holds. Each key kind has exactly one value type, and each value type has one merge rule:
 *
 * <ul>
 *   <li>{@link MetricState} and {@link MembershipState} are joins of CRDTs: merging two records keeps everything
 *       either has seen;
 *   <li>{@link ContentMeta} is written by the content's replication leader and merges last-writer-wins by the
 *       record's dominance; two writes on the same logical counter by different nodes are a conflict, and the
 *       discarded write's decisions are kept in the winner's conflict log (see {@link RecordMerger}).
 * </ul>
 */
public sealed interface RecordValue permits ContentMeta, MembershipState, MetricState {

    /** Whether this value type merges by join (true) or by last-writer-wins dominance (false). */
    default boolean joinable() {
        return !(this instanceof ContentMeta);
    }

    /** The least upper bound of two values of one joinable type. */
    static RecordValue join(RecordValue a, RecordValue b) {
        return switch (a) {
            case MetricState m when b instanceof MetricState n -> m.join(n);
            case MembershipState m when b instanceof MembershipState n -> m.join(n);
            default ->
                throw new IllegalArgumentException(
                        "cannot join a " + a.getClass().getSimpleName() + " with a "
                                + b.getClass().getSimpleName());
        };
    }

    /** Whether this value may be stored under {@code key}. */
    default boolean fits(DhtKey key) {
        return switch (key) {
            case MetaKey k -> this instanceof ContentMeta;
            case MembershipKey k -> this instanceof MembershipState;
            case MetricKey k -> this instanceof MetricState;
        };
    }
}
