package dev.foyer.server.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.store.Stores;
import dev.foyer.server.store.jdbc.JdbcStores;
import dev.foyer.server.testing.IssuedTokens;
import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.TokenDigest;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit of join tokens on the real H2 store: joins share transactions, none waits for its
 * commit on its own thread, and each token works once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenConsumerTest {
    @TempDir
    static Path dataDir;
    private TestDatabase database;
    private Stores stores;
    private SimpleMeterRegistry registry;
    /** Each batch the consumer sends to the store, by size. */
    private final List<Integer> batches = new CopyOnWriteArrayList<>();
    /** The thread that sent each batch. */
    private final List<String> committers = new CopyOnWriteArrayList<>();
    /** When set, a batch waits here for a permit before it reaches the store. */
    private volatile Semaphore gate;
    private final AtomicBoolean failing = new AtomicBoolean();
    private TokenConsumer consumer;

    @BeforeAll
    void open() throws Exception {
        database = TestDatabases.freshH2(Files.createDirectories(dataDir.resolve("data")));
        stores = JdbcStores.open(database.config());
    }

    @AfterAll
    void close() {
        stores.close();
        database.close();
    }

    @BeforeEach
    void start() {
        batches.clear();
        committers.clear();
        registry = new SimpleMeterRegistry();
        gate = null;
        failing.set(false);
        consumer = new TokenConsumer(observed(stores.issuedTokens()), Clock.systemUTC(), registry, 4);
    }

    @AfterEach
    void stop() {
        Semaphore g = gate;
        if (g != null) {
            g.release(1_000);
        }
        consumer.close();
    }

    @Test
    void joinsThatArriveWhileACommitRunsShareTheNextOne() throws Exception {
        List<IssuedToken> tokens = tokens(4);
        List<CompletableFuture<Boolean>> results = queuedBehindAHeldCommit(tokens);

        gate.release(2);

        for (CompletableFuture<Boolean> r : results) {
            assertThat(r.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(batches).containsExactly(1, 3);
        DistributionSummary summary = registry.get("foyer.join.token.batch").summary();
        assertThat(summary.count()).isEqualTo(2);
        for (IssuedToken t : tokens) {
            assertThat(stores.issuedTokens().find(t.jti()).orElseThrow().consumedAt()).isNotNull();
        }
    }

    @Test
    void noJoinWaitsOnItsOwnThreadForItsCommit() throws Exception {
        IssuedToken token = tokens(1).get(0);
        gate = new Semaphore(0);

        CompletableFuture<Boolean> used = consume(token);

        assertThat(used).as("returned while its commit is held").isNotDone();
        gate.release();
        assertThat(used.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(committers).containsExactly("foyer-join-tokens");
    }

    @Test
    void manyJoinsAtOnceEachUseUpTheirOwnTokenOnce() throws Exception {
        consumer = new TokenConsumer(observed(stores.issuedTokens()), Clock.systemUTC(), registry);
        List<IssuedToken> tokens = tokens(600);
        List<Future<CompletableFuture<Boolean>>> submitted = new ArrayList<>();
        ExecutorService crowd = Executors.newFixedThreadPool(24);
        try {
            for (IssuedToken t : tokens) {
                submitted.add(crowd.submit(() -> consume(t)));
            }
            for (Future<CompletableFuture<Boolean>> s : submitted) {
                assertThat(s.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            crowd.shutdown();
        }
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(600);
        assertThat(batches.size()).as("commits").isLessThan(600);
        for (IssuedToken t : tokens) {
            assertThat(consume(t).get(10, TimeUnit.SECONDS)).as("a second use").isFalse();
        }
    }

    @Test
    void aTokenPresentedByManyAtOnceWorksForExactlyOne() throws Exception {
        IssuedToken token = tokens(1).get(0);
        CompletableFuture<Boolean> first = heldCommitOf(tokens(1).get(0));
        List<CompletableFuture<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(consume(token));
        }

        gate.release(2);

        int winners = 0;
        for (CompletableFuture<Boolean> r : racers) {
            winners += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(batches).containsExactly(1, 4);
    }

    @Test
    void aTokenPresentedWithAnotherDigestIsNotUsedUp() throws Exception {
        IssuedToken token = tokens(1).get(0);

        assertThat(consumer.consumeRecorded(token.jti(), TokenDigest.of("another string")).get(10, TimeUnit.SECONDS))
                .isFalse();
        assertThat(stores.issuedTokens().find(token.jti()).orElseThrow().consumedAt()).isNull();
        assertThat(consume(token).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(consume(token).get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aJoinFindingTheQueueFullIsRefusedAsUnavailableAndTheOthersGoThrough() throws Exception {
        List<IssuedToken> tokens = tokens(6);
        List<CompletableFuture<Boolean>> waiting = queuedBehindAHeldCommit(tokens.subList(0, 5));

        FoyerException refused = refusal(consume(tokens.get(5)));

        assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(refused.getMessage()).contains("too busy");
        gate.release(2);
        for (CompletableFuture<Boolean> r : waiting) {
            assertThat(r.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(stores.issuedTokens().find(tokens.get(5).jti()).orElseThrow().consumedAt()).isNull();
        gate = null;
        assertThat(consume(tokens.get(5)).get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFailedBatchRefusesItsJoinsAsUnavailableAndTheNextBatchWorks() throws Exception {
        IssuedToken token = tokens(1).get(0);
        failing.set(true);

        FoyerException refused = refusal(consume(token));

        assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(refused.getMessage()).contains("could not be recorded");
        failing.set(false);
        assertThat(consume(token).get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingCarriesTheQueuedJoinsAndRefusesLaterOnes() throws Exception {
        List<IssuedToken> tokens = tokens(3);
        CompletableFuture<Boolean> first = heldCommitOf(tokens.get(0));
        CompletableFuture<Boolean> queuedJoin = consume(tokens.get(1));
        consumer.close();

        gate.release(2);

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(queuedJoin.get(10, TimeUnit.SECONDS)).isTrue();
        FoyerException refused = refusal(consume(tokens.get(2)));
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(refused.getMessage()).contains("shutting down");
    }

    /** A join whose token's commit {@link #gate} holds until permits are released. */
    private CompletableFuture<Boolean> heldCommitOf(IssuedToken token) {
        gate = new Semaphore(0);
        CompletableFuture<Boolean> held = consume(token);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.hasQueuedThreads());
        return held;
    }

    /** The first token's commit is held; the others queue behind it. In order. */
    private List<CompletableFuture<Boolean>> queuedBehindAHeldCommit(List<IssuedToken> tokens) {
        List<CompletableFuture<Boolean>> joined = new ArrayList<>();
        joined.add(heldCommitOf(tokens.get(0)));
        for (IssuedToken t : tokens.subList(1, tokens.size())) {
            joined.add(consume(t));
        }
        return joined;
    }

    private CompletableFuture<Boolean> consume(IssuedToken token) {
        return consumer.consumeRecorded(token.jti(), token.tokenDigest());
    }

    private static FoyerException refusal(CompletableFuture<Boolean> used) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> used.get(10, TimeUnit.SECONDS));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getCause()).isInstanceOf(FoyerException.class);
        return (FoyerException) e.getCause();
    }

    private List<IssuedToken> tokens(int n) {
        List<IssuedToken> tokens = IssuedTokens.fresh(n);
        tokens.forEach(stores.issuedTokens()::insert);
        return tokens;
    }

    /** The real store, with each batch counted, and held at {@link #gate} or failed on demand. */
    private IssuedTokenStore observed(IssuedTokenStore real) {
        return (IssuedTokenStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IssuedTokenStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("consumeRecorded")) {
                        Semaphore g = gate;
                        if (g != null) {
                            g.acquire();
                        }
                        if (failing.get()) {
                            throw new IllegalStateException("the database is down");
                        }
                        batches.add(((List<?>) args[0]).size());
                        committers.add(Thread.currentThread().getName());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
