package dev.foyer.server.token;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SigningKeys#reload()} at a fixed delay on one daemon thread, so that a key rotated
 * or retired by another process (the admin CLI, another server) takes effect here within one
 * interval. A failed reload is logged and the old snapshot stays in use until the next one.
 */
public final class SigningKeysReloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SigningKeysReloader.class);

    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final ScheduledExecutorService executor;

    private SigningKeysReloader(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts reloading {@code keys} every {@code interval}, the first time one interval from now. */
    public static SigningKeysReloader start(SigningKeys keys, Duration interval) {
        Objects.requireNonNull(keys, "keys == null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "foyer-signing-keys-reload");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> reload(keys), millis, millis, TimeUnit.MILLISECONDS);
        return new SigningKeysReloader(executor);
    }

    // An exception escaping here would cancel every later run: catch all of them.
    private static void reload(SigningKeys keys) {
        try {
            keys.reload();
        } catch (RuntimeException e) {
            log.warn("signing keys reload failed; keeping the keys already loaded error=\"{}\"", e.toString());
        }
    }

    /** Stops reloading, waiting briefly for a reload in progress so that it does not outlive the store. */
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
