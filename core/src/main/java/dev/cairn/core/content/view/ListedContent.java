package dev.cairn.core.content.view;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a user's own list ({@link ContentViews#uploads}, {@link ContentViews#purchases}): the content as its
 * viewer sees it, and when it entered the list (uploaded, or the license granted).
 */
public record ListedContent(ContentView view, Instant at) {
    public ListedContent {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(at, "at");
    }
}
