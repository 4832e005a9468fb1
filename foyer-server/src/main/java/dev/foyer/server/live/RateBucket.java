package dev.foyer.server.live;

import java.time.Duration;
import java.time.Instant;

/** A token bucket driven by the caller's clock, so tests step time instead of waiting. */
final class RateBucket {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private Instant updated;

    RateBucket(double perSecond, double burst, Instant now) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.updated = now;
    }

    /** Takes one token if there is one. */
    boolean tryTake(Instant now) {
        double elapsed = Math.max(0, Duration.between(updated, now).toNanos() / 1e9);
        tokens = Math.min(burst, tokens + elapsed * perSecond);
        updated = now.isAfter(updated) ? now : updated;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
