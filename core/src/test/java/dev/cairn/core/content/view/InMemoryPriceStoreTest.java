package dev.cairn.core.content.view;

class InMemoryPriceStoreTest extends PriceStoreContract {
    @Override
    protected PriceStore newStore() {
        return new InMemoryPriceStore();
    }
}
