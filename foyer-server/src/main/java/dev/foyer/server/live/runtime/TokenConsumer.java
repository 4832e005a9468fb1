package dev.foyer.server.live.runtime;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.store.IssuedTokenStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uses up join tokens for many joins at once (group commit, leader and followers). A join queues
 * its token; if no other join is committing, its own thread becomes the leader and consumes
 * every queued token with one batch of conditional updates in one transaction, then wakes the
 * joins whose tokens it carried. Joins arriving meanwhile wait to be carried by the next batch.
 * A lone join so commits on its own thread, with no hand-off to another thread; under load, joins
 * share commits, which is where the database spends most of a join's cost.
 *
 * <p>The queue is bounded: a join that finds it full, or whose batch is not committed within
 * {@link #WAIT}, is refused as {@code unavailable} instead of waiting behind a backlog; so is one
 * whose batch failed (the database is unreachable). A join refused on time-out may find its token
 * used up all the same, if the batch commits later; it needs a new token then.
 */
final class TokenConsumer {
    private static final Logger log = LoggerFactory.getLogger(TokenConsumer.class);
    static final int BATCH = 256;
    static final int CAPACITY = 4_096;
    static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * How long a waiting join sleeps before it looks again whether it should lead. A leader that
     * leaves with tokens queued wakes the first one's thread; this bounds the wait should that
     * thread have gone (its join timed out) or the wake-up have missed it.
     */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** A token waiting to be used up, and what became of it. Written by the leader, read by the waiter. */
    private static final class Pending {
        final IssuedTokenStore.Presented presented;
        final Thread waiter = Thread.currentThread();
        volatile boolean done;
        volatile boolean consumed;
        volatile RuntimeException failure;

        Pending(IssuedTokenStore.Presented presented) {
            this.presented = presented;
        }
    }

    private final IssuedTokenStore store;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final DistributionSummary batchSizes;
    private volatile boolean closed;

    TokenConsumer(IssuedTokenStore store, Clock clock, MeterRegistry registry) {
        this(store, clock, registry, CAPACITY);
    }

    /** @param capacity how many joins may wait for the next batch */
    TokenConsumer(IssuedTokenStore store, Clock clock, MeterRegistry registry, int capacity) {
        this.store = store;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSizes = DistributionSummary.builder("foyer.join.token.batch")
                .description("join tokens used up per transaction").register(registry);
    }

    /**
     * Uses up the token recorded with this digest, as {@link IssuedTokenStore#consumeRecorded}
     * does, sharing the transaction with whatever other joins are queued.
     *
     * @return whether the token was used up now (false: not recorded so, already used, or revoked)
     * @throws FoyerException {@code unavailable} when the queue is full, the batch is not
     *     committed in time, or it failed, or the server is shutting down
     */
    boolean consumeRecorded(String jti, String tokenDigest) {
        if (closed) {
            throw new FoyerException(ErrorCode.UNAVAILABLE, "the server is shutting down");
        }
        Pending pending = new Pending(new IssuedTokenStore.Presented(jti, tokenDigest));
        if (!queue.offer(pending)) {
            throw new FoyerException(ErrorCode.UNAVAILABLE, "the server is too busy to admit a join; try again");
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!pending.done) {
            if (leading.compareAndSet(false, true)) {
                lead(pending);
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new FoyerException(ErrorCode.UNAVAILABLE, "the join could not be recorded in time; try again");
            }
            LockSupport.parkNanos(this, Math.min(left, RECHECK_NANOS));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new FoyerException(ErrorCode.UNAVAILABLE, "the server is shutting down");
            }
        }
        if (pending.failure != null) {
            throw new FoyerException(ErrorCode.UNAVAILABLE, "the join could not be recorded; try again");
        }
        return pending.consumed;
    }

    /** Commits batches until {@code own} is done, then leaves, waking the next in line if any. */
    private void lead(Pending own) {
        List<Pending> batch = new ArrayList<>();
        try {
            while (!own.done) {
                queue.drainTo(batch, BATCH);
                if (batch.isEmpty()) {
                    break; // cannot happen: a token drained by an earlier leader was done before it left
                }
                consume(batch);
                batch.clear();
            }
        } finally {
            leading.set(false);
        }
        Pending next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.waiter);
        }
    }

    private void consume(List<Pending> batch) {
        List<IssuedTokenStore.Presented> presented = new ArrayList<>(batch.size());
        batch.forEach(p -> presented.add(p.presented));
        boolean[] consumed;
        try {
            consumed = store.consumeRecorded(presented, clock.instant());
            batchSizes.record(batch.size());
        } catch (RuntimeException e) {
            log.warn("join tokens not consumed: the batch of {} failed", batch.size(), e);
            for (Pending p : batch) {
                p.failure = e;
                finish(p);
            }
            return;
        }
        for (int i = 0; i < consumed.length; i++) {
            Pending p = batch.get(i);
            p.consumed = consumed[i];
            finish(p);
        }
    }

    private static void finish(Pending p) {
        p.done = true;
        if (p.waiter != Thread.currentThread()) {
            LockSupport.unpark(p.waiter);
        }
    }

    /** Refuses later joins; those already queued are still carried. */
    void close() {
        closed = true;
    }
}
