package dev.foyer.server.store;

import dev.foyer.server.schedule.IdleThreads;
import io.micrometer.core.instrument.DistributionSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many callers' writes in one transaction (group commit). A caller queues its item and gets a
 * future; a thread of this object's own ({@code foyer-} and the name, which exists while items
 * come and ends when they stop) commits every queued item with one {@link Batch}, then completes
 * each item's future with its result. The caller's thread waits for nothing: a thread of the web
 * server's small pool that waited for a commit would sit out the interval with nothing to do
 * (docs/performance.md, items 55 and 59). A lone item so pays a hand-over to that thread; under
 * load, items share commits, which is where an embedded database spends most of a small write's
 * cost.
 *
 * <p>While items keep coming together, commits are spaced at least {@code interval} apart: the
 * committer that finds the previous commit begun less than that long ago, and either commits
 * lately carried more than one item on average or others are queued already, waits out the rest,
 * gathering the items that arrive meanwhile, so that a busy stream of items shares each commit by
 * a few rather than by one or two (a commit's cost hardly depends on how many items it carries).
 * An item alone — the first after a quiet spell, or one of a sequence with nobody else — is
 * committed at once. This is PostgreSQL's {@code commit_delay} with its {@code commit_siblings}:
 * paid only under concurrent load, and kept up only while waiting gathers company.
 *
 * <p>The queue is bounded: an item that finds it full, or whose batch is not committed within the
 * wait, is {@link Refused} instead of waiting behind a backlog; so is one whose batch failed. An
 * item refused on time-out may be written all the same, if its batch commits later.
 *
 * @param <T> what a caller writes
 * @param <R> what the batch says about each item
 */
public final class GroupCommit<T, R> {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** Most items in one transaction, by default. */
    public static final int MAX_BATCH = 256;
    /** How many callers may wait for the next batch, by default. */
    public static final int CAPACITY = 4_096;
    /** How long a caller waits for its batch's commit, by default. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * Least time between the starts of two commits while items keep coming, by default: at 500
     * joins a second, 3–4 share a commit (1.7 without it), for at most 5 ms more per item; a lone
     * item waits for none (docs/performance.md, item 38).
     */
    public static final Duration INTERVAL = Duration.ofMillis(5);
    /** The last commit's weight in {@link #recentBatchSize}. */
    private static final double RECENT_WEIGHT = 0.25;
    /**
     * Items per commit lately from which items are taken to come together, and the committer
     * waits for company: one commit of two after a run of single ones reaches it.
     */
    private static final double TOGETHER = 1.2;
    /** How long the committer thread outlives the last item. */
    private static final Duration COMMITTER_IDLE = Duration.ofSeconds(10);

    /** Writes items in one transaction; returns one result per item, in order. */
    @FunctionalInterface
    public interface Batch<T, R> {
        List<R> commit(List<T> items);
    }

    /** Why an item was not written, or not known to be. */
    public enum Refusal {
        /** The queue was full. */
        BUSY,
        /** Its batch was not committed in time. */
        TIMED_OUT,
        /** Its batch failed; the cause is the batch's exception. */
        FAILED,
        /** {@link #close()} was called. */
        CLOSED
    }

    /** An item refused for {@link #reason()}. */
    public static final class Refused extends RuntimeException {
        private final Refusal reason;

        Refused(Refusal reason, Throwable cause) {
            super(reason.name(), cause, false, false);
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    /** An item waiting to be written, and the future that hears what became of it. */
    private record Pending<T, R>(T item, CompletableFuture<R> future) {}

    private final String name;
    private final Batch<T, R> batch;
    private final int maxBatch;
    private final Duration wait;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    /** When the last commit began, on {@link #nanoTime}. Read and written by the committer only. */
    private long lastCommitNanos;
    /**
     * Items per commit lately: a moving average, weighted {@link #RECENT_WEIGHT} to the last
     * commit; 1 while items come one at a time. Read and written by the committer only.
     */
    private double recentBatchSize = 1;
    private final BlockingQueue<Pending<T, R>> queue;
    /** Whether the committer is at work (or about to be), and will see the queue before it stops. */
    private final AtomicBoolean leading = new AtomicBoolean();
    /** Commits the queued items; its thread ends when idle. */
    private final ThreadPoolExecutor committer;
    private final DistributionSummary batchSizes;
    private volatile boolean closed;

    /**
     * @param name what the items are, for the log (a failed batch is logged once, for all its callers)
     * @param maxBatch most items in one transaction
     * @param capacity how many items may wait for the next batch
     * @param wait how long an item waits for its batch's commit
     * @param interval least time between the starts of two commits while items keep coming (zero:
     *     each batch is committed at once)
     * @param batchSizes records the size of each committed batch
     */
    public GroupCommit(String name, Batch<T, R> batch, int maxBatch, int capacity, Duration wait,
            Duration interval, DistributionSummary batchSizes) {
        this(name, batch, maxBatch, capacity, wait, interval, batchSizes, System::nanoTime);
    }

    /** As above, on a clock of the caller's (tests). */
    GroupCommit(String name, Batch<T, R> batch, int maxBatch, int capacity, Duration wait, Duration interval,
            DistributionSummary batchSizes, LongSupplier nanoTime) {
        this.name = Objects.requireNonNull(name, "name == null");
        this.batch = Objects.requireNonNull(batch, "batch == null");
        this.maxBatch = maxBatch;
        this.wait = wait;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.lastCommitNanos = nanoTime.getAsLong() - intervalNanos;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSizes = batchSizes;
        this.committer = IdleThreads.pool("foyer-" + name.replace(' ', '-'), 1, new LinkedBlockingQueue<>(),
                COMMITTER_IDLE);
    }

    /**
     * Writes {@code item}, sharing the transaction with whatever other items are queued, without
     * waiting: the commit is made by this object's own thread.
     *
     * @return the batch's result for it, on the thread that committed it; or, failed, a {@link
     *     Refused} when the queue is full, the batch failed, or after {@link #close()}, and a
     *     {@link TimeoutException} when it is not committed in time ({@link #refusal} tells which)
     */
    public CompletableFuture<R> submit(T item) {
        if (closed) {
            return CompletableFuture.failedFuture(new Refused(Refusal.CLOSED, null));
        }
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(new Refused(Refusal.BUSY, null));
        }
        CompletableFuture<R> result = pending.future.orTimeout(wait.toNanos(), TimeUnit.NANOSECONDS);
        leadOnCommitter();
        return result;
    }

    /** Why a {@linkplain #submit future} failed: its refusal, {@code TIMED_OUT} for its time-out, or null. */
    public static Refusal refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof Refused refused) {
            return refused.reason();
        }
        return cause instanceof TimeoutException ? Refusal.TIMED_OUT : null;
    }

    /** Refuses later items; those already queued are still carried. */
    public void close() {
        closed = true;
    }

    /** Sets the committer to work, unless it is at work already (and will see the queue before it stops). */
    private void leadOnCommitter() {
        if (!leading.compareAndSet(false, true)) {
            return;
        }
        try {
            committer.execute(this::lead);
        } catch (RejectedExecutionException e) { // cannot happen: the committer is never shut down
            leading.set(false);
            throw e;
        }
    }

    /** Commits batches until the queue is empty; goes on if an item came as it stopped. */
    private void lead() {
        List<Pending<T, R>> taken = new ArrayList<>();
        try {
            while (!queue.isEmpty()) {
                awaitInterval();
                lastCommitNanos = nanoTime.getAsLong();
                queue.drainTo(taken, maxBatch);
                recentBatchSize += (taken.size() - recentBatchSize) * RECENT_WEIGHT;
                commit(taken);
                taken.clear();
            }
        } finally {
            leading.set(false);
        }
        if (!queue.isEmpty()) {
            leadOnCommitter();
        }
    }

    /**
     * Waits until {@code interval} has passed since the last commit began, or a full batch is
     * queued, gathering the items that arrive meanwhile. No wait after a quiet spell, nor for an
     * item alone (commits lately carried one item each and nothing else is queued): there is
     * nothing to gather. An interrupt ends the wait (and stays set).
     */
    private void awaitInterval() {
        if (recentBatchSize < TOGETHER && queue.size() < 2) {
            return;
        }
        long due = lastCommitNanos + intervalNanos;
        for (long left = due - nanoTime.getAsLong(); left > 0; left = due - nanoTime.getAsLong()) {
            if (queue.size() >= maxBatch || Thread.currentThread().isInterrupted()) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    private void commit(List<Pending<T, R>> taken) {
        List<T> items = new ArrayList<>(taken.size());
        taken.forEach(p -> items.add(p.item()));
        List<R> results;
        try {
            results = batch.commit(items);
            if (results.size() != items.size()) {
                throw new IllegalStateException("a batch of " + items.size() + " gave " + results.size() + " results");
            }
            batchSizes.record(items.size());
        } catch (RuntimeException e) {
            log.warn("{} not written: the batch of {} failed", name, items.size(), e);
            for (Pending<T, R> p : taken) {
                p.future().completeExceptionally(new Refused(Refusal.FAILED, e));
            }
            return;
        }
        for (int i = 0; i < taken.size(); i++) {
            taken.get(i).future().complete(results.get(i));
        }
    }
}
