package dev.cairn.core.payment;

class InMemoryTonTransferLogTest extends TonTransferLogContract {
    @Override
    protected TonTransferLog newLog() {
        return new InMemoryTonTransferLog();
    }
}
