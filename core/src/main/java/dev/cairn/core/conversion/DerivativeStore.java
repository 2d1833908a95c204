package dev.cairn.core.conversion;

import dev.cairn.core.id.ContentId;
import java.util.List;

/**
 * Port: the derivatives of each content ({@code derivatives} in PostgreSQL), at most one per kind. Conversion writes
 * them as it goes; the view policy reads them.
 */
public interface DerivativeStore {
    /** Writes {@code derivative}, replacing the content's derivative of the same kind: a re-run replaces, never adds. */
    void put(Derivative derivative);

    /** The content's derivatives, in {@link DerivativeKind} order; empty if none was asked for yet. */
    List<Derivative> of(ContentId content);
}
