package dev.cairn.core.payment;

class InMemoryPaymentStoreTest extends PaymentStoreContract {
    @Override
    protected PaymentStore newStore() {
        return new InMemoryPaymentStore();
    }
}
