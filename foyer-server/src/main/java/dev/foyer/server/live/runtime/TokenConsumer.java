package dev.foyer.server.live.runtime;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.store.GroupCommit;
import dev.foyer.server.store.IssuedTokenStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Uses up join tokens for many joins at once: a {@link GroupCommit} of the conditional updates
 * of {@link IssuedTokenStore#consumeRecorded}. Under load, joins share commits, which is where
 * the database spends most of a join's cost; a lone join commits at once.
 *
 * <p>No join waits on its own thread: the web server's threads are few, and one that sat out
 * the {@link #INTERVAL} would be one fewer to read the next frames. Each join hears its result
 * through a future, completed on the thread that committed it; what follows must be quick (hand
 * the joiner to its meeting's writer, or refuse it). In storms of 15,000 joins offered at
 * 2,000/s this took what was absorbed from 1,516–1,813/s to 1,956–1,992/s, and p99 from
 * 1.06–2.68 s to 352–508 ms (docs/performance.md, item 55).
 *
 * <p>The queue is bounded: a join that finds it full, or whose batch is not committed within
 * {@link GroupCommit#WAIT}, is refused as {@code unavailable} instead of waiting behind a backlog; so is one
 * whose batch failed (the database is unreachable). A join refused on time-out may find its token
 * used up all the same, if the batch commits later; it needs a new token then.
 */
final class TokenConsumer {
    /**
     * Least time between two commits while joins keep coming: twice {@link GroupCommit#INTERVAL}.
     * An embedded database's commit writes every page changed since the last one, the history
     * writer's too, so fewer commits also rewrite those pages less often: in a join storm at 600/s,
     * ~5 joins shared a commit instead of 3.5, the server's CPU per join fell 7–11% and H2's writes
     * a fifth, for ~3 ms more at p50 and no more at p99 (docs/performance.md, item 53). Each guest
     * joins once, so no caller's rate is bound by it; a lone join commits at once.
     */
    static final Duration INTERVAL = GroupCommit.INTERVAL.multipliedBy(2);
    /**
     * How many joins may wait for their token's commit. No thread waits with them, so a backlog
     * costs a small object per join, and the bound is set by time instead: on two cores one
     * committer carries ~2,000 joins a second, so this is ~8 s of backlog, within the 10 s a
     * connection has to join. With {@link GroupCommit#CAPACITY} (4,096), storms offered at 3,000
     * joins/s had 8% of their joins refused as too busy (docs/performance.md, item 55).
     */
    static final int CAPACITY = 16_384;

    private final GroupCommit<IssuedTokenStore.Presented, Boolean> commits;

    TokenConsumer(IssuedTokenStore store, Clock clock, MeterRegistry registry) {
        this(store, clock, registry, CAPACITY);
    }

    /** @param capacity how many joins may wait for the next batch */
    TokenConsumer(IssuedTokenStore store, Clock clock, MeterRegistry registry, int capacity) {
        this.commits = new GroupCommit<>("join tokens", presented -> {
            boolean[] consumed = store.consumeRecorded(presented, clock.instant());
            List<Boolean> results = new ArrayList<>(consumed.length);
            for (boolean c : consumed) {
                results.add(c);
            }
            return results;
        }, GroupCommit.MAX_BATCH, capacity, GroupCommit.WAIT, INTERVAL,
                DistributionSummary.builder("foyer.join.token.batch")
                .description("join tokens used up per transaction").register(registry));
    }

    /**
     * Uses up the token recorded with this digest, as {@link IssuedTokenStore#consumeRecorded}
     * does, sharing the transaction with whatever other joins are queued.
     *
     * @return whether the token was used up now (false: not recorded so, already used, or
     *     revoked); failed with a {@link FoyerException} {@code unavailable} when the queue is
     *     full, the batch is not committed in time, or it failed, or the server is shutting down
     */
    CompletableFuture<Boolean> consumeRecorded(String jti, String tokenDigest) {
        return commits.submit(new IssuedTokenStore.Presented(jti, tokenDigest))
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(refused(failure)));
    }

    private static RuntimeException refused(Throwable failure) {
        GroupCommit.Refusal reason = GroupCommit.refusal(failure);
        if (reason == null) {
            return new IllegalStateException("a join token's batch failed unexpectedly", failure);
        }
        return switch (reason) {
            case BUSY -> tooBusy();
            case TIMED_OUT -> new FoyerException(ErrorCode.UNAVAILABLE,
                    "the join could not be recorded in time; try again");
            case FAILED -> new FoyerException(ErrorCode.UNAVAILABLE, "the join could not be recorded; try again");
            case CLOSED -> new FoyerException(ErrorCode.UNAVAILABLE, "the server is shutting down");
        };
    }

    /** A join refused because too many wait already. */
    static FoyerException tooBusy() {
        return new FoyerException(ErrorCode.UNAVAILABLE, "the server is too busy to admit a join; try again");
    }

    /** Refuses later joins; those already queued are still carried. */
    void close() {
        commits.close();
    }
}
