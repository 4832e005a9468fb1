package dev.foyer.server.error;

import dev.foyer.protocol.ErrorCode;
import java.time.Duration;

/** Thrown when a caller exceeds a rate limit; carries how long to wait before retrying. */
public final class RateLimitedException extends FoyerException {
    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, "too many requests; retry in " + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
