package dev.cairn.core.conversion;

class InMemoryDerivativeStoreTest extends DerivativeStoreContract {
    @Override
    protected DerivativeStore newStore() {
        return new InMemoryDerivativeStore();
    }
}
