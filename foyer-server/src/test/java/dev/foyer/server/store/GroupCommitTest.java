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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Callers share commits: those arriving while a batch commits are carried, in order, by the next
 * one; each hears its own result; while items keep coming, commits wait out the interval; a failed
 * batch fails its callers with its cause; a full queue and a closed one refuse at once. Items
 * submitted without waiting are committed the same way by a thread of the object's own.
 * TokenConsumerTest and the store tests run it on a database.
 */
class GroupCommitTest {
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final DistributionSummary sizes = DistributionSummary.builder("test.batch").register(new SimpleMeterRegistry());
    private final ExecutorService callers = Executors.newCachedThreadPool();
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

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void aLoneCallerCommitsAloneAndHearsItsResult() {
        GroupCommit<Integer, String> commits = commits(squares, 8);

        assertThat(commits.submit(7)).isEqualTo("7²=49");
        assertThat(batches).containsExactly(List.of(7));
        assertThat(sizes.count()).isEqualTo(1);
    }

    @Test
    void callersArrivingDuringACommitShareTheNextInOrderAndEachHearsItsOwn() throws Exception {
        GroupCommit<Integer, String> commits = commits(squares, 8);
        gate = new Semaphore(0);
        Future<String> leader = callers.submit(() -> commits.submit(1));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.hasQueuedThreads());
        List<Future<String>> followers = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            int n = i;
            followers.add(callers.submit(() -> commits.submit(n)));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == n - 1);
        }

        gate.release(2);

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("1²=1");
        assertThat(followers.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("2²=4");
        assertThat(followers.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("4²=16");
        assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4));
    }

    @Test
    void aFailedBatchFailsEachOfItsCallersWithItsCauseAndTheNextOneWorks() {
        GroupCommit<Integer, String> commits = commits(squares, 8);
        failure = new IllegalStateException("the database is down");

        GroupCommit.Refused refused = catchThrowableOfType(GroupCommit.Refused.class, () -> commits.submit(3));

        assertThat(refused.reason()).isEqualTo(GroupCommit.Refusal.FAILED);
        assertThat(refused.getCause()).isSameAs(failure);
        failure = null;
        assertThat(commits.submit(3)).isEqualTo("3²=9");
    }

    @Test
    void aBatchGivingTheWrongNumberOfResultsFailsRatherThanMisattributingThem() {
        GroupCommit<Integer, String> commits = commits(items -> List.of(), 8);

        GroupCommit.Refused refused = catchThrowableOfType(GroupCommit.Refused.class, () -> commits.submit(3));

        assertThat(refused.reason()).isEqualTo(GroupCommit.Refusal.FAILED);
        assertThat(refused.getCause()).hasMessageContaining("a batch of 1 gave 0 results");
    }

    @Test
    void aFullQueueRefusesAtOnceAndAClosedOneRefusesLaterCallers() throws Exception {
        GroupCommit<Integer, String> commits = commits(squares, 1);
        gate = new Semaphore(0);
        Future<String> leader = callers.submit(() -> commits.submit(1));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.hasQueuedThreads());
        Future<String> queued = callers.submit(() -> commits.submit(2));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 1);

        assertThat(catchThrowableOfType(GroupCommit.Refused.class, () -> commits.submit(3)).reason())
                .isEqualTo(GroupCommit.Refusal.BUSY);
        commits.close();
        gate.release(2);

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("1²=1");
        assertThat(queued.get(10, TimeUnit.SECONDS)).as("queued before the close: carried").isEqualTo("2²=4");
        assertThat(catchThrowableOfType(GroupCommit.Refused.class, () -> commits.submit(4)).reason())
                .isEqualTo(GroupCommit.Refusal.CLOSED);
    }

    @Test
    void aCallerAloneInSequenceNeverWaitsForTheInterval() throws Exception {
        AtomicLong now = new AtomicLong();
        GroupCommit<Integer, String> commits = spaced(now);

        // The clock stands still: a caller that waited for the interval would never return.
        for (int i = 1; i <= 3; i++) {
            int n = i;
            assertThat(callers.submit(() -> commits.submit(n)).get(10, TimeUnit.SECONDS)).isEqualTo(n + "²=" + n * n);
        }
        assertThat(batches).containsExactly(List.of(1), List.of(2), List.of(3));
    }

    @Test
    void afterACommitOfSeveralTheNextWaitsOutTheIntervalAndThoseArrivingMeanwhileShareIt() throws Exception {
        AtomicLong now = new AtomicLong();
        GroupCommit<Integer, String> commits = spaced(now);
        commitTogether(commits, now, 1, 2);

        now.set(ms(60)); // 10 ms after the commit of 1 and 2 began: 40 ms of the interval left
        Future<String> third = callers.submit(() -> commits.submit(3));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Parked.in(GroupCommit.class, "awaitInterval") == 1);
        Future<String> fourth = callers.submit(() -> commits.submit(4));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 2);
        assertThat(third).isNotDone();
        assertThat(batches).hasSize(2);

        now.set(ms(100));

        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("3²=9");
        assertThat(fourth.get(10, TimeUnit.SECONDS)).isEqualTo("4²=16");
        assertThat(batches).endsWith(List.of(3, 4));
    }

    @Test
    void afterAQuietSpellALoneCallerCommitsWithoutWaiting() throws Exception {
        AtomicLong now = new AtomicLong();
        GroupCommit<Integer, String> commits = spaced(now);
        commitTogether(commits, now, 1, 2);

        now.set(ms(100)); // the interval since the commit of 1 and 2 has passed

        // The clock stands still from here: a caller that waited for it would never return.
        assertThat(callers.submit(() -> commits.submit(3)).get(10, TimeUnit.SECONDS)).isEqualTo("3²=9");
        assertThat(batches).endsWith(List.of(3));
    }

    /**
     * A commit of 0 alone, held until {@code a} and {@code b} are queued behind it; they then share
     * the next, which waits for the interval (others were queued) and begins at 50 ms on {@code now}.
     */
    private void commitTogether(GroupCommit<Integer, String> commits, AtomicLong now, int a, int b) throws Exception {
        Semaphore held = new Semaphore(0);
        gate = held;
        Future<String> first = callers.submit(() -> commits.submit(0));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(held::hasQueuedThreads);
        Future<String> second = callers.submit(() -> commits.submit(a));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 1);
        Future<String> third = callers.submit(() -> commits.submit(b));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 2);
        gate = null;
        held.release();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("0²=0");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Parked.in(GroupCommit.class, "awaitInterval") == 1);

        now.set(ms(50));

        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(a + "²=" + a * a);
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(b + "²=" + b * b);
        assertThat(batches).containsExactly(List.of(0), List.of(a, b));
    }

    @Test
    void anItemSubmittedWithoutWaitingIsCommittedOnTheObjectsOwnThreadAndItsCallerHearsTheResult() throws Exception {
        GroupCommit<Integer, String> commits = commits(squares, 8);

        CompletableFuture<String> result = commits.submitAsync(7);

        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("7²=49");
        assertThat(batches).containsExactly(List.of(7));
        assertThat(committers).containsExactly("foyer-squares");
    }

    @Test
    void itemsSubmittedWithoutWaitingWhileACommitRunsShareTheNextInOrder() throws Exception {
        GroupCommit<Integer, String> commits = commits(squares, 8);
        gate = new Semaphore(0);
        CompletableFuture<String> first = commits.submitAsync(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.hasQueuedThreads());
        List<CompletableFuture<String>> next = List.of(commits.submitAsync(2), commits.submitAsync(3),
                commits.submitAsync(4));
        assertThat(next).noneMatch(CompletableFuture::isDone);

        gate.release(2);

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("1²=1");
        assertThat(next.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("2²=4");
        assertThat(next.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("4²=16");
        assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4));
        assertThat(committers).containsOnly("foyer-squares");
    }

    @Test
    void anItemSubmittedWithoutWaitingFailsWithItsRefusal() throws Exception {
        GroupCommit<Integer, String> commits = commits(squares, 1);
        failure = new IllegalStateException("the database is down");
        Throwable failed = failureOf(commits.submitAsync(3));
        assertThat(GroupCommit.refusal(failed)).isEqualTo(GroupCommit.Refusal.FAILED);
        assertThat(failed.getCause()).isSameAs(failure);
        failure = null;

        gate = new Semaphore(0);
        CompletableFuture<String> held = commits.submitAsync(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.hasQueuedThreads());
        CompletableFuture<String> queued = commits.submitAsync(2);
        assertThat(GroupCommit.refusal(failureOf(commits.submitAsync(3)))).isEqualTo(GroupCommit.Refusal.BUSY);
        commits.close();
        gate.release(2);

        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("1²=1");
        assertThat(queued.get(10, TimeUnit.SECONDS)).as("queued before the close: carried").isEqualTo("2²=4");
        assertThat(GroupCommit.refusal(failureOf(commits.submitAsync(4)))).isEqualTo(GroupCommit.Refusal.CLOSED);
    }

    @Test
    void anItemSubmittedWithoutWaitingThatIsNotCommittedInTimeFailsAsTimedOut() throws Exception {
        GroupCommit<Integer, String> commits = new GroupCommit<>("squares", squares, 16, 8, Duration.ofMillis(50),
                Duration.ZERO, sizes);
        gate = new Semaphore(0);

        CompletableFuture<String> late = commits.submitAsync(1);

        assertThat(GroupCommit.refusal(failureOf(late))).isEqualTo(GroupCommit.Refusal.TIMED_OUT);
        gate.release(2);
        gate = null;
        assertThat(commits.submitAsync(2).get(10, TimeUnit.SECONDS)).as("the next one").isEqualTo("2²=4");
    }

    @Test
    void theCommitterWaitsOutTheIntervalWhileItemsKeepComing() throws Exception {
        AtomicLong now = new AtomicLong();
        GroupCommit<Integer, String> commits = spaced(now);
        Semaphore held = new Semaphore(0);
        gate = held;
        CompletableFuture<String> first = commits.submitAsync(0);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(held::hasQueuedThreads);
        CompletableFuture<String> second = commits.submitAsync(1);
        CompletableFuture<String> third = commits.submitAsync(2);
        gate = null;
        held.release();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("0²=0");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Parked.in(GroupCommit.class, "awaitInterval") == 1);
        assertThat(second).isNotDone();

        now.set(ms(50));

        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("1²=1");
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("2²=4");
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2));
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

    /** How many callers wait to be carried. */
    private static int waiting() {
        return Parked.in(GroupCommit.class, "submit");
    }
}
