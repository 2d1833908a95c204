package dev.cairn.app.node;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The node's small background schedules: one daemon thread each, stopped without running what is still queued. */
final class DaemonSchedule {
    private DaemonSchedule() {}

    /** One daemon thread named {@code name}; tasks still waiting when it is shut down never run. */
    static ScheduledThreadPoolExecutor single(String name) {
        var thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return thread;
    }

    /** Stops scheduling, lets a run in progress finish for up to {@code grace}, then interrupts it. */
    static void stop(ScheduledThreadPoolExecutor thread, Duration grace) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
