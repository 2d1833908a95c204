package dev.cairn.core.dht;

class InMemoryRecordStoreTest extends RecordStoreContract {
    @Override
    protected RecordStore newStore() {
        return new InMemoryRecordStore();
    }
}
