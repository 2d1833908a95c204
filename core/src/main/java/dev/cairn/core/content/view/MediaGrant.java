package dev.cairn.core.content.view;

import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.id.ContentId;
import java.util.Objects;

/**
 * What a media URL signed by this node allows: user {@code userId} may fetch rendition {@code kind} of {@code content}
 * until {@code expiresAt} (seconds since the epoch).
 */
public record MediaGrant(ContentId content, DerivativeKind kind, long userId, long expiresAt) {
    public MediaGrant {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(kind, "kind");
        if (userId <= 0) {
            throw new IllegalArgumentException("a Telegram user id is > 0, got " + userId);
        }
        if (expiresAt < 0) {
            throw new IllegalArgumentException("an expiry is >= 0 seconds since the epoch, got " + expiresAt);
        }
    }
}
