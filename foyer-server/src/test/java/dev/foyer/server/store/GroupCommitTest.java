package dev.foyer.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.foyer.server.testing.Parked;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Items share commits: those arriving while a batch commits are carried, in order, by the next
 * one, on a thread of the object's own; each caller hears its own result; while items keep coming,
 * commits wait out the interval, and an item alone never does; a failed batch fails its items with
 * its cause; a full queue and a closed one refuse at once. TokenConsumerTest and TokenRecordsTest
 * run it on a database.
 */
class GroupCommitTest {
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final DistributionSummary sizes = DistributionSummary.builder("test.batch").register(new SimpleMeterRegistry());
    /** Held batches wait here for a permit; null: none is held. */
    private volatile Semaphore gate;
    private volatile RuntimeException failure;
    /** The thread that committed each batch. */
    private final List<String> committers = new CopyOnWriteArrayList<>();

    private final GroupCommit.Batch<Integer, String> squares = items -> {
        Semaphore g = gate;
        if (g != null) {
            g.acquireUninterruptibly();
        }
        if (failure != null) {
            throw failure;
        }
        batches.add(List.copyOf(items));
        committers.add(Thread.currentThread().getName());
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i + "²=" + i * i));
        return out;
    };

    @Test
    void anItemIsCommittedOnTheObjectsOwnThreadAndItsCallerHearsTheResult() throws Exception {
        GroupCommit<Integer, String> commits = commits(squares, 8);

        CompletableFuture<String> result = commits.submit(7);

        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("7²=49");
        assertThat(batches).containsExactly(List.of(7));
        assertThat(committers).containsExactly("foyer-squares");
        assertThat(sizes.count()).isEqualTo(1);
    }

    @Test
    void itemsSubmittedWhileACommitRunsShareTheNextInOrder() throws Exception {
        GroupCommit<Integer, String> commits = commits(squares, 8);
        gate = new Semaphore(0);
        CompletableFuture<String> first = commits.submit(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.hasQueuedThreads());
        List<CompletableFuture<String>> next = List.of(commits.submit(2), commits.submit(3),
                commits.submit(4));
        assertThat(next).noneMatch(CompletableFuture::isDone);

        gate.release(2);

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("1²=1");
        assertThat(next.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("2²=4");
        assertThat(next.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("4²=16");
        assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4));
        assertThat(committers).containsOnly("foyer-squares");
    }

    @Test
    void anItemFailsWithItsRefusal() throws Exception {
        GroupCommit<Integer, String> commits = commits(squares, 1);
        failure = new IllegalStateException("the database is down");
        Throwable failed = failureOf(commits.submit(3));
        assertThat(GroupCommit.refusal(failed)).isEqualTo(GroupCommit.Refusal.FAILED);
        assertThat(failed.getCause()).isSameAs(failure);
        failure = null;

        gate = new Semaphore(0);
        CompletableFuture<String> held = commits.submit(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.hasQueuedThreads());
        CompletableFuture<String> queued = commits.submit(2);
        assertThat(GroupCommit.refusal(failureOf(commits.submit(3)))).isEqualTo(GroupCommit.Refusal.BUSY);
        commits.close();
        gate.release(2);

        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("1²=1");
        assertThat(queued.get(10, TimeUnit.SECONDS)).as("queued before the close: carried").isEqualTo("2²=4");
        assertThat(GroupCommit.refusal(failureOf(commits.submit(4)))).isEqualTo(GroupCommit.Refusal.CLOSED);
    }

    @Test
    void aBatchGivingTheWrongNumberOfResultsFailsRatherThanMisattributingThem() {
        GroupCommit<Integer, String> commits = commits(items -> List.of(), 8);

        Throwable failed = failureOf(commits.submit(3));

        assertThat(GroupCommit.refusal(failed)).isEqualTo(GroupCommit.Refusal.FAILED);
        assertThat(failed.getCause()).hasMessageContaining("a batch of 1 gave 0 results");
    }

    @Test
    void anItemThatIsNotCommittedInTimeFailsAsTimedOut() throws Exception {
        GroupCommit<Integer, String> commits = new GroupCommit<>("squares", squares, 16, 8, Duration.ofMillis(50),
                Duration.ZERO, sizes);
        gate = new Semaphore(0);

        CompletableFuture<String> late = commits.submit(1);

        assertThat(GroupCommit.refusal(failureOf(late))).isEqualTo(GroupCommit.Refusal.TIMED_OUT);
        gate.release(2);
        gate = null;
        assertThat(commits.submit(2).get(10, TimeUnit.SECONDS)).as("the next one").isEqualTo("2²=4");
    }

    @Test
    void anItemAloneInSequenceNeverWaitsForTheInterval() throws Exception {
        AtomicLong now = new AtomicLong();
        GroupCommit<Integer, String> commits = spaced(now);

        // The clock stands still: a commit that waited for the interval would never come.
        for (int i = 1; i <= 3; i++) {
            assertThat(commits.submit(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + "²=" + i * i);
        }
        assertThat(batches).containsExactly(List.of(1), List.of(2), List.of(3));
    }

    @Test
    void afterACommitOfSeveralTheNextWaitsOutTheIntervalAndItemsArrivingMeanwhileShareIt() throws Exception {
        AtomicLong now = new AtomicLong();
        GroupCommit<Integer, String> commits = spaced(now);
        commitTogether(commits, now, 1, 2);

        now.set(ms(60)); // 10 ms after the commit of 1 and 2 began: 40 ms of the interval left
        CompletableFuture<String> third = commits.submit(3);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Parked.in(GroupCommit.class, "awaitInterval") == 1);
        CompletableFuture<String> fourth = commits.submit(4);
        assertThat(third).isNotDone();
        assertThat(batches).hasSize(2);

        now.set(ms(100));

        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("3²=9");
        assertThat(fourth.get(10, TimeUnit.SECONDS)).isEqualTo("4²=16");
        assertThat(batches).endsWith(List.of(3, 4));
    }

    @Test
    void afterAQuietSpellAnItemAloneIsCommittedWithoutWaiting() throws Exception {
        AtomicLong now = new AtomicLong();
        GroupCommit<Integer, String> commits = spaced(now);
        commitTogether(commits, now, 1, 2);

        now.set(ms(100)); // the interval since the commit of 1 and 2 has passed

        // The clock stands still from here: a commit that waited for it would never come.
        assertThat(commits.submit(3).get(10, TimeUnit.SECONDS)).isEqualTo("3²=9");
        assertThat(batches).endsWith(List.of(3));
    }

    /**
     * A commit of 0 alone, held until {@code a} and {@code b} are queued behind it; they then share
     * the next, which waits for the interval (others were queued) and begins at 50 ms on {@code now}.
     */
    private void commitTogether(GroupCommit<Integer, String> commits, AtomicLong now, int a, int b) throws Exception {
        Semaphore held = new Semaphore(0);
        gate = held;
        CompletableFuture<String> first = commits.submit(0);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(held::hasQueuedThreads);
        CompletableFuture<String> second = commits.submit(a);
        CompletableFuture<String> third = commits.submit(b);
        gate = null;
        held.release();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("0²=0");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Parked.in(GroupCommit.class, "awaitInterval") == 1);
        assertThat(second).isNotDone();

        now.set(ms(50));

        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(a + "²=" + a * a);
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(b + "²=" + b * b);
        assertThat(batches).containsExactly(List.of(0), List.of(a, b));
    }

    /** The failure of {@code future}, which must fail within 10 s. */
    private static Throwable failureOf(CompletableFuture<?> future) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertThat(e).as("failed").isNotNull();
        return e.getCause();
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private GroupCommit<Integer, String> commits(GroupCommit.Batch<Integer, String> batch, int capacity) {
        return new GroupCommit<>("squares", batch, 16, capacity, Duration.ofSeconds(10), Duration.ZERO, sizes);
    }

    /** Commits at least 50 ms apart on a clock that moves only when {@code now} is set. */
    private GroupCommit<Integer, String> spaced(AtomicLong now) {
        return new GroupCommit<>("squares", squares, 16, 8, Duration.ofSeconds(10), Duration.ofMillis(50), sizes,
                now::get);
    }
}
