package dev.cairn.core.replication;

class InMemoryPinSetTest extends PinSetContract {
    @Override
    protected PinSet newPinSet() {
        return new InMemoryPinSet();
    }
}
