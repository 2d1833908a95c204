package dev.cairn.core.upload;

import java.util.List;
import java.util.Objects;

/** tus concatenation: a plain upload, a partial one meant for concatenation, or a final one assembled from partials. */
public sealed interface Concatenation {
    /** An ordinary upload. */
    record None() implements Concatenation {}

    /** A part of a parallel upload: finishing it makes no content. */
    record Partial() implements Concatenation {}

    /** The concatenation of {@code parts}, in order; it has no bytes of its own. */
    record Final(List<UploadId> parts) implements Concatenation {
        public Final {
            parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a final upload concatenates at least one partial upload");
            }
        }
    }

    Concatenation NONE = new None();
    Concatenation PARTIAL = new Partial();
}
