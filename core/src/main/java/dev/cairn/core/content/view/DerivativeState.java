package dev.cairn.core.content.view;

import dev.cairn.core.conversion.DerivativeKind;
import java.util.Objects;
import java.util.Optional;

/**
 * One rendition's progress as the viewer may see it.
 *
 * @param failureReason why it failed: only for the owner, and only when {@code status} is {@link ViewStatus#FAILED}
 */
public record DerivativeState(
        DerivativeKind kind, ViewStatus status, int progressPercent, Optional<String> failureReason) {
    public DerivativeState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failureReason, "failureReason");
        if (progressPercent < 0 || progressPercent > 100) {
            throw new IllegalArgumentException("progress is 0 to 100 percent, got " + progressPercent);
        }
        if (failureReason.isPresent() != (status == ViewStatus.FAILED)) {
            throw new IllegalArgumentException("a reason is given exactly for a failed rendition, not " + status);
        }
    }
}
