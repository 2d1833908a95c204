package dev.cairn.core.content;

import dev.cairn.core.id.ContentId;

/**
 * Port: the durable queue of conversion jobs ({@code conversion_jobs}); the conversion issue adds claiming and
 * workers. Enqueueing is idempotent: a content has at most one pending job.
 */
public interface ConversionQueue {
    /** Asks for the derivatives of {@code content}; false if a job for it is already pending or running. */
    boolean enqueue(ContentId content, ContentKind kind);
}
