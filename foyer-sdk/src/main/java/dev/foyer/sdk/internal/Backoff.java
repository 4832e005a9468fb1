package dev.foyer.sdk.internal;

import java.util.Random;

/**
 * Exponential backoff with equal jitter: attempt n waits between half and all of
 * min(max, initial × 2^(n-1)), so a crowd of clients cut off together does not come back in step.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final Random random;

    Backoff(long initialMillis, long maxMillis, Random random) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** The delay before attempt {@code attempt} (from 1). */
    long delayMillis(int attempt) {
        long ceiling = initialMillis << Math.min(attempt - 1, 20);
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        }
        long half = ceiling / 2;
        return half + (long) (random.nextDouble() * (ceiling - half));
    }
}
