package dev.cairn.core.content;

class InMemoryContentStoreTest extends ContentStoreContract {
    @Override
    protected ContentStore newStore() {
        return new InMemoryContentStore();
    }
}
