package dev.foyer.sdk.internal;

import dev.foyer.sdk.FoyerLogger;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A conversation's own thread: every change to its state runs here, one task at a time, so the
 * state needs no locks. Work handed to it after {@link #shutdown()} is dropped (late network
 * callbacks of a conversation that has ended).
 */
final class Actor implements Executor {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private final ScheduledThreadPoolExecutor executor;
    private final FoyerLogger logger;

    Actor(FoyerLogger logger) {
        this.logger = logger;
        String name = "foyer-conversation-" + COUNT.incrementAndGet();
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(() -> run(task));
        } catch (RejectedExecutionException afterShutdown) {
            // The conversation is over; nothing more to do.
        }
    }

    /** Runs {@code task} here after {@code delayMillis}; null if the actor is shut down. */
    ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return executor.schedule(() -> run(task), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException afterShutdown) {
            return null;
        }
    }

    /** Finishes the tasks already queued, then lets the thread end. */
    void shutdown() {
        executor.shutdown();
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            logger.log(FoyerLogger.Level.WARN, "internal error in the conversation thread", e);
        }
    }
}
