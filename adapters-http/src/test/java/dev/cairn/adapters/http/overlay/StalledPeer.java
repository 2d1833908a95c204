package dev.cairn.adapters.http.overlay;

import io.javalin.Javalin;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A peer whose message route holds every request until released, to fill a sender's queue deterministically. */
final class StalledPeer implements AutoCloseable {
    private final Semaphore arrivals = new Semaphore(0);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Javalin app;

    StalledPeer() {
        app = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.routes.post(NetworkMessageRoutes.PATH, ctx -> {
                        arrivals.release();
                        released.await();
                        ctx.status(202);
                    });
                })
                .start("127.0.0.1", 0);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    /** Waits until {@code n} more requests have arrived. */
    void awaitArrivals(int n) throws InterruptedException {
        if (!arrivals.tryAcquire(n, 1, TimeUnit.MINUTES)) {
            throw new AssertionError(n + " requests did not arrive within a minute");
        }
    }

    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        released.countDown();
        app.stop();
    }
}
