package dev.cairn.core.conversion;

import dev.cairn.core.content.ContentKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to derive from one content, at most one rendition of each kind.
 *
 * @param kind what the content turned out to be once probed: an MP4 the magic numbers took for video but that holds
 *     only sound is planned as {@link ContentKind#AUDIO}
 */
public record ConversionPlan(ContentKind kind, List<Rendition> renditions) {
    public ConversionPlan {
        Objects.requireNonNull(kind, "kind");
        renditions = List.copyOf(renditions);
        Set<DerivativeKind> seen = EnumSet.noneOf(DerivativeKind.class);
        for (Rendition r : renditions) {
            if (!seen.add(r.kind())) {
                throw new IllegalArgumentException(
                        "a plan has one rendition per kind, got two " + r.kind().wire());
            }
        }
    }

    public Optional<Rendition> find(DerivativeKind derivative) {
        return renditions.stream().filter(r -> r.kind() == derivative).findFirst();
    }

    /** The renditions a transcoder must produce (all but the original). */
    public List<Rendition> toTranscode() {
        return renditions.stream().filter(r -> !(r instanceof Original)).toList();
    }
}
