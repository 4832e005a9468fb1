package dev.foyer.server.token;

import dev.foyer.server.schedule.Periodic;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SigningKeys#reload()} at a fixed delay on one daemon thread, so that a key rotated
 * or retired by another process (the admin CLI, another server) takes effect here within one
 * interval. A failed reload is logged and the old snapshot stays in use until the next one.
 */
public final class SigningKeysReloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SigningKeysReloader.class);

    private final Periodic periodic;

    private SigningKeysReloader(Periodic periodic) {
        this.periodic = periodic;
    }

    /** Starts reloading {@code keys} every {@code interval}, the first time one interval from now. */
    public static SigningKeysReloader start(SigningKeys keys, Duration interval) {
        Objects.requireNonNull(keys, "keys == null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        return new SigningKeysReloader(Periodic.start("foyer-signing-keys-reload", interval, interval,
                () -> reload(keys)));
    }

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
        periodic.close();
    }
}
