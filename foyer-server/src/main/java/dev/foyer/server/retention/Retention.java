package dev.foyer.server.retention;

import dev.foyer.server.schedule.Periodic;
import dev.foyer.server.store.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the records the server keeps only for a while: webhook events that are no longer pending
 * once {@code webhook-retention} has passed since their creation, and join token records once
 * {@code token-retention} has passed since their expiry. Until a token expires its record is what
 * makes it single-use and revocable; after that, nothing accepts the token, and the record is kept
 * for the audit only. Without this, every join left a row behind for good.
 *
 * <p>Runs at start and then every {@link #EVERY}, on one daemon thread; a failed pass is logged
 * and the next one tries again. Token records go in chunks of a transaction each, so that the
 * first pass over a long-kept table holds no large transaction.
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** Time between two passes. */
    public static final Duration EVERY = Duration.ofMinutes(10);

    private final Stores stores;
    private final Clock clock;
    private final Duration webhookRetention;
    private final Duration tokenRetention;
    private Periodic periodic;

    /** What one pass deleted. */
    public record Pruned(int webhookEvents, int joinTokens) {}

    /**
     * @param webhookRetention how long finished webhook events are kept after their creation
     * @param tokenRetention how long join token records are kept after the token expired
     */
    public Retention(Stores stores, Clock clock, Duration webhookRetention, Duration tokenRetention) {
        this.stores = Objects.requireNonNull(stores, "stores == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.webhookRetention = requireNotNegative(webhookRetention, "webhookRetention");
        this.tokenRetention = requireNotNegative(tokenRetention, "tokenRetention");
    }

    /** Runs a pass now and every {@link #EVERY} after, until {@link #close()}. */
    public synchronized Retention start() {
        if (periodic == null) {
            periodic = Periodic.start("foyer-retention", Duration.ZERO, EVERY, this::pruneQuietly);
        }
        return this;
    }

    /** One pass, on the caller's thread. */
    public Pruned pruneNow() {
        Instant now = clock.instant();
        int events = stores.webhooks().deleteFinishedBefore(now.minus(webhookRetention));
        int tokens = stores.issuedTokens().deleteExpired(now.minus(tokenRetention));
        return new Pruned(events, tokens);
    }

    private void pruneQuietly() {
        try {
            Pruned pruned = pruneNow();
            if (pruned.webhookEvents() > 0 || pruned.joinTokens() > 0) {
                log.info("retention pruned webhookEvents={} joinTokens={}", pruned.webhookEvents(),
                        pruned.joinTokens());
            }
        } catch (RuntimeException e) {
            log.warn("retention pass failed; the next one tries again error=\"{}\"", e.toString());
        }
    }

    /** Stops, waiting briefly for a pass under way so that it does not outlive the store. */
    @Override
    public synchronized void close() {
        if (periodic != null) {
            periodic.close();
        }
    }

    private static Duration requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name + " == null");
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }
}
