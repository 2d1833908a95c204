package dev.cairn.core.user;

class InMemoryUserStoreTest extends UserStoreContract {
    @Override
    protected UserStore newStore() {
        return new InMemoryUserStore();
    }
}
