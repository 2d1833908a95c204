package dev.cairn.core.dht;

class InMemoryRecordStoreTest extends RecordStoreContract {
    @Override
    RecordStore newStore() {
        return new InMemoryRecordStore();
    }
}
