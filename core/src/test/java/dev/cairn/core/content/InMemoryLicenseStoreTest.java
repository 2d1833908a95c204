package dev.cairn.core.content;

import dev.cairn.core.id.ContentId;
import java.util.concurrent.atomic.AtomicLong;

class InMemoryLicenseStoreTest extends LicenseStoreContract {
    private final AtomicLong payments = new AtomicLong();

    @Override
    protected LicenseStore newStore() {
        return new InMemoryLicenseStore();
    }

    @Override
    protected long payment(long user, ContentId content) {
        return payments.incrementAndGet();
    }
}
