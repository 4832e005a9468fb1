package dev.foyer.server.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: work submitted by many threads at about the same time runs on one thread in one
 * transaction, made durable by one commit. Each caller blocks until the commit that carries its
 * work. A commit (H2 writes a chunk of its file, PostgreSQL flushes its log) costs far more than
 * the few statements of a join or a meeting's batch, and concurrent commits queue on the
 * database's own lock; here they share one instead.
 *
 * <p>When a group holds more than one piece of work, each runs behind its own savepoint: one that
 * throws is rolled back alone and its exception goes to its caller, while the others commit. If
 * the commit itself fails, every caller of the group gets that failure, as each would have from
 * a commit of its own. The queue is bounded; when it is full the caller runs its work in a
 * transaction of its own.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    /**
     * Pieces of work committed together at most. Each is a savepoint, which PostgreSQL keeps as
     * a subtransaction until the commit; past 64 of them a transaction spills its subtransaction
     * cache, which slows every session's snapshots.
     */
    static final int MAX_GROUP = 64;
    private static final int QUEUE_CAPACITY = 4096;
    private static final String SAVEPOINT = "group_unit";

    /** Runs a group in a transaction on the calling thread (the committer's). */
    interface Transactor {
        void inTransaction(Consumer<Handle> work);
    }

    private final Transactor transactor;
    private final BlockingQueue<Unit<?>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    private static final class Unit<T> {
        final Supplier<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        RuntimeException failure;

        Unit(Supplier<T> work) {
            this.work = work;
        }

        void run() {
            try {
                result = work.get();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        void complete() {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(result);
            }
        }
    }

    GroupCommitter(Transactor transactor) {
        this.transactor = transactor;
        this.thread = new Thread(this::loop, "foyer-db-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Runs {@code work} in the next group and returns its result once that group has committed;
     * rethrows what {@code work} threw (its own changes rolled back) or what the commit threw.
     */
    <T> T run(Supplier<T> work) {
        Unit<T> unit = new Unit<>(work);
        if (closed || !queue.offer(unit)) {
            return alone(work);
        }
        while (true) {
            try {
                return unit.done.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // Only a committer that stopped (closed while this was queued) leaves work behind.
                if (!thread.isAlive() && queue.remove(unit)) {
                    return alone(work);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a commit", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    int queued() {
        return queue.size();
    }

    private <T> T alone(Supplier<T> work) {
        List<T> result = new ArrayList<>(1);
        transactor.inTransaction(handle -> result.add(work.get()));
        return result.get(0);
    }

    private void loop() {
        List<Unit<?>> group = new ArrayList<>(MAX_GROUP);
        while (!closed || !queue.isEmpty()) {
            try {
                Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                // Never let the committer die: callers would wait for ever.
                log.error("group commit failed units={}", group.size(), e);
                for (Unit<?> u : group) {
                    u.done.completeExceptionally(e);
                }
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Unit<?>> group) {
        boolean alone = group.size() == 1;
        try {
            transactor.inTransaction(handle -> {
                int n = 0;
                for (Unit<?> u : group) {
                    if (alone) {
                        // A failure rolls back only its own work anyway: no savepoint needed.
                        u.run();
                        if (u.failure != null) {
                            throw u.failure;
                        }
                        continue;
                    }
                    String savepoint = SAVEPOINT + n++;
                    handle.savepoint(savepoint);
                    u.run();
                    if (u.failure == null) {
                        handle.releaseSavepoint(savepoint);
                    } else {
                        handle.rollbackToSavepoint(savepoint);
                    }
                }
            });
        } catch (RuntimeException e) {
            boolean commitFailed = false;
            for (Unit<?> u : group) {
                if (u.failure == null) {
                    u.failure = e;
                    commitFailed = true;
                }
            }
            if (commitFailed) {
                log.warn("group commit failed units={}", group.size(), e);
            }
        }
        for (Unit<?> u : group) {
            u.complete();
        }
    }

    /** Commits what was queued, then stops; later work runs in transactions of its own. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
