package dev.foyer.server.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run at a fixed delay on one daemon thread of its own, until closed. A run that throws is
 * logged and the next one runs all the same (a scheduled executor would cancel every later run).
 */
public final class Periodic implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Periodic.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final ScheduledExecutorService executor;

    private Periodic(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * Runs {@code task} {@code first} from now, then {@code every} after each run ends, on a
     * daemon thread named {@code threadName}.
     */
    public static Periodic start(String threadName, Duration first, Duration every, Runnable task) {
        Objects.requireNonNull(threadName, "threadName == null");
        Objects.requireNonNull(task, "task == null");
        if (first.isNegative() || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("first must not be negative and every must be positive: "
                    + first + ", " + every);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("periodic task failed; it runs again at its next time thread={}", threadName, e);
            }
        }, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return new Periodic(executor);
    }

    /** Stops, waiting briefly for a run under way so that it does not outlive what it uses. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
