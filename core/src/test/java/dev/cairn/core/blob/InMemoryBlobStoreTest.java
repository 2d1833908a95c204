package dev.cairn.core.blob;

class InMemoryBlobStoreTest extends BlobStoreContract {

    @Override
    BlobStore store() {
        return new InMemoryBlobStore();
    }
}
