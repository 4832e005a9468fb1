package dev.foyer.sdk.internal;

import dev.foyer.sdk.FoyerLogger;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs callbacks on the app's executor one at a time, in the order posted, whatever that
 * executor's threading (a pool would otherwise reorder them). A callback that throws is logged.
 */
final class CallbackQueue {
    private final Executor executor;
    private final FoyerLogger logger;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running; // guarded by queue

    CallbackQueue(Executor executor, FoyerLogger logger) {
        this.executor = executor;
        this.logger = logger;
    }

    void post(Runnable callback) {
        synchronized (queue) {
            queue.add(callback);
            if (running) {
                return;
            }
            running = true;
        }
        schedule();
    }

    private void schedule() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            logger.log(FoyerLogger.Level.WARN, "callback executor rejected work; dropping callbacks", e);
            synchronized (queue) {
                queue.clear();
                running = false;
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                logger.log(FoyerLogger.Level.WARN, "a listener threw", e);
            }
        }
    }
}
