package dev.cairn.core.content;

import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A user's right to the licensed renditions of a content (low, high, original): a row of {@code licenses}.
 *
 * @param paymentId the payment that bought it; present exactly when {@code source} is {@link LicenseSource#PURCHASE}
 */
public record License(long userId, ContentId content, LicenseSource source, OptionalLong paymentId, Instant grantedAt) {
    public License {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(grantedAt, "grantedAt");
        if (userId <= 0) {
            throw new IllegalArgumentException("a Telegram user id is > 0, got " + userId);
        }
        if ((source == LicenseSource.PURCHASE) != paymentId.isPresent()) {
            throw new IllegalArgumentException("a license has a payment id exactly when it was purchased: "
                    + source.wire() + " with " + paymentId);
        }
    }
}
