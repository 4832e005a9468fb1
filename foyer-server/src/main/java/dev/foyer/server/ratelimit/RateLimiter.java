package dev.foyer.server.ratelimit;

import dev.foyer.server.error.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a client IP, say): {@code perMinute} requests a minute with bursts up to
 * the same number. The map of buckets is bounded: idle buckets are swept, and past {@code
 * maxKeys} live keys new keys are refused rather than let memory grow.
 */
public final class RateLimiter {
    private final int perMinute;
    private final int maxKeys;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long nextSweepMillis;

    public RateLimiter(int perMinute, int maxKeys, Clock clock) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("perMinute <= 0");
        }
        this.perMinute = perMinute;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Takes one token for {@code key}, or throws {@link RateLimitedException} saying when to retry. */
    public void acquire(String key) {
        long now = clock.millis();
        sweep(now);
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            throw new RateLimitedException(Duration.ofSeconds(60));
        }
        long waitMillis = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now)).take(perMinute, now);
        if (waitMillis > 0) {
            throw new RateLimitedException(Duration.ofMillis(waitMillis));
        }
    }

    private void sweep(long now) {
        if (now < nextSweepMillis) {
            return;
        }
        nextSweepMillis = now + 60_000;
        buckets.entrySet().removeIf(e -> e.getValue().isFullAt(perMinute, now));
    }

    /** Tokens refill continuously at perMinute per 60 s. Guarded by its own monitor. */
    private static final class Bucket {
        private double tokens;
        private long updatedMillis;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updatedMillis = now;
        }

        synchronized long take(int perMinute, long now) {
            refill(perMinute, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 60_000.0 / perMinute);
        }

        synchronized boolean isFullAt(int perMinute, long now) {
            refill(perMinute, now);
            return tokens >= perMinute;
        }

        private void refill(int perMinute, long now) {
            tokens = Math.min(perMinute, tokens + (now - updatedMillis) * perMinute / 60_000.0);
            updatedMillis = now;
        }
    }
}
