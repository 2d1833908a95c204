package dev.cairn.core.upload;

class InMemoryUploadSessionStoreTest extends UploadSessionStoreContract {
    @Override
    protected UploadSessionStore newStore() {
        return new InMemoryUploadSessionStore();
    }
}
