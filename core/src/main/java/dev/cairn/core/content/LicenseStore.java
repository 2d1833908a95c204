package dev.cairn.core.content;

import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: who holds a license to which content ({@code licenses} in PostgreSQL). At most one license per user and
 * content. A content's owner is licensed by being its owner ({@link ContentRecord#ownerId()}), with no row; callers
 * check ownership first.
 */
public interface LicenseStore {
    /** The license {@code userId} holds to {@code content}, if any. */
    Optional<License> find(long userId, ContentId content);

    /** Whether {@code userId} holds a license to {@code content}. */
    default boolean has(long userId, ContentId content) {
        return find(userId, content).isPresent();
    }

    /**
     * Records {@code license} unless the user already holds one to the content: idempotent, so a payment delivered
     * twice grants once. The license held before is kept as it was.
     *
     * @return true if this call granted it, false if the user already held a license
     */
    boolean grant(License license);

    /** Takes the user's license to the content away (a refund); false if there was none. */
    boolean revoke(long userId, ContentId content);

    /**
     * The licenses {@code userId} holds (purchases and grants), newest grant first (ties by content id, descending), at
     * most {@code limit}: those granted strictly before {@code before} when given, as {@link ContentStore#ownedBy}.
     */
    List<License> heldBy(long userId, Optional<Instant> before, int limit);
}
