package dev.foyer.server.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher delivers.
 *
 * @param timeout connect and response timeout of one attempt
 * @param retryHorizon how long after an event's creation (or redelivery) it is retried before it is dead
 * @param backoffBase delay after the first failure; it doubles per failure up to {@code backoffCap}, ±20%
 * @param allowPrivate whether callbacks may resolve to loopback and private addresses
 */
public record WebhookSettings(Duration timeout, Duration retryHorizon, Duration backoffBase, Duration backoffCap,
        boolean allowPrivate, int workers) {
    public WebhookSettings {
        Objects.requireNonNull(timeout, "timeout == null");
        Objects.requireNonNull(retryHorizon, "retryHorizon == null");
        Objects.requireNonNull(backoffBase, "backoffBase == null");
        Objects.requireNonNull(backoffCap, "backoffCap == null");
        if (workers < 1) {
            throw new IllegalArgumentException("workers < 1");
        }
    }

    /** The delay before attempt {@code failures + 1}, with ±20% jitter from {@code random} in [0, 1). */
    public Duration backoff(int failures, double random) {
        long base = backoffBase.toMillis();
        long capped = Math.min(backoffCap.toMillis(), base << Math.min(failures - 1, 30));
        return Duration.ofMillis(Math.max(1, Math.round(capped * (0.8 + 0.4 * random))));
    }
}
