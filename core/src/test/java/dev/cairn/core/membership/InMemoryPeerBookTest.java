package dev.cairn.core.membership;

class InMemoryPeerBookTest extends PeerBookContract {
    @Override
    protected PeerBook newBook() {
        return new InMemoryPeerBook();
    }
}
