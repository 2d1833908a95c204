package dev.cairn.adapters.http.storage;

import java.io.IOException;
import java.util.Optional;

/**
 * The files the storage endpoint serves, by id. Encrypted blobs are the only ones so far ({@link BlobStoredFiles});
 * public derivatives will be another implementation.
 *
 * <p>The contract that makes the endpoint's caching sound: the bytes found under one {@link FileId} never change, so
 * the id is a strong validator ({@code ETag}) and answers may be cached for good.
 */
@FunctionalInterface
public interface StoredFiles {

    /** The file stored under {@code id}, or empty when there is none. */
    Optional<StoredFile> find(FileId id) throws IOException;
}
