package dev.cairn.core.content.view;

import java.util.OptionalLong;

/**
 * Who asks to view a content, as the policy needs it: the Telegram user (empty for an anonymous caller), whether they
 * own the content, whether they hold a license to it.
 */
public record Viewer(OptionalLong userId, boolean owner, boolean licensed) {
    public Viewer {
        java.util.Objects.requireNonNull(userId, "userId");
        if (userId.isEmpty() && (owner || licensed)) {
            throw new IllegalArgumentException("an anonymous viewer neither owns nor holds a license");
        }
        if (userId.isPresent() && userId.getAsLong() <= 0) {
            throw new IllegalArgumentException("a Telegram user id is > 0, got " + userId.getAsLong());
        }
    }

    public static Viewer anonymous() {
        return new Viewer(OptionalLong.empty(), false, false);
    }

    public static Viewer owner(long userId) {
        return new Viewer(OptionalLong.of(userId), true, false);
    }

    public static Viewer user(long userId, boolean licensed) {
        return new Viewer(OptionalLong.of(userId), false, licensed);
    }

    /** Owners count as licensed without a license row. */
    public boolean mayPlayLicensed() {
        return owner || licensed;
    }
}
