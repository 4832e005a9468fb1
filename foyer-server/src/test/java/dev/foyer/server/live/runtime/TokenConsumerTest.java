package dev.foyer.server.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.store.Stores;
import dev.foyer.server.store.jdbc.JdbcStores;
import dev.foyer.server.testing.IssuedTokens;
import dev.foyer.server.testing.Parked;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
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

/** Group commit of join tokens on the real H2 store: joins share transactions, and each token works once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenConsumerTest {
    @TempDir
    static Path dataDir;
    private TestDatabase database;
    private Stores stores;
    private final ExecutorService joins = Executors.newCachedThreadPool();
    private SimpleMeterRegistry registry;
    /** Each batch the consumer sends to the store, by size. */
    private final List<Integer> batches = new CopyOnWriteArrayList<>();
    /** The thread that sent each batch. */
    private final List<Thread> committers = new CopyOnWriteArrayList<>();
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
        joins.shutdown();
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
        List<Future<Boolean>> results = queuedBehindAHeldLeader(tokens);

        gate.release(2);

        for (Future<Boolean> r : results) {
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
    void aLoneJoinCommitsOnItsOwnThread() {
        IssuedToken token = tokens(1).get(0);

        assertThat(consumer.consumeRecorded(token.jti(), token.tokenDigest())).isTrue();

        assertThat(committers).containsExactly(Thread.currentThread());
    }

    @Test
    void manyJoinsAtOnceEachUseUpTheirOwnTokenOnce() throws Exception {
        consumer = new TokenConsumer(observed(stores.issuedTokens()), Clock.systemUTC(), registry);
        List<IssuedToken> tokens = tokens(600);
        List<Future<Boolean>> results = new ArrayList<>();
        ExecutorService crowd = Executors.newFixedThreadPool(24);
        try {
            for (IssuedToken t : tokens) {
                results.add(crowd.submit(consume(t)));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            crowd.shutdown(); // not shutdownNow: H2 closes its file when a thread writing it is interrupted
        }
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(600);
        for (IssuedToken t : tokens) {
            assertThat(consumer.consumeRecorded(t.jti(), t.tokenDigest())).as("a second use").isFalse();
        }
    }

    @Test
    void aTokenPresentedByManyAtOnceWorksForExactlyOne() throws Exception {
        IssuedToken token = tokens(1).get(0);
        Future<Boolean> first = leaderHeldWith(tokens(1).get(0));
        List<Future<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(joins.submit(consume(token)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 4);

        gate.release(2);

        int winners = 0;
        for (Future<Boolean> r : racers) {
            winners += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(batches).containsExactly(1, 4);
    }

    @Test
    void aTokenPresentedWithAnotherDigestIsNotUsedUp() {
        IssuedToken token = tokens(1).get(0);

        assertThat(consumer.consumeRecorded(token.jti(), TokenDigest.of("another string"))).isFalse();
        assertThat(stores.issuedTokens().find(token.jti()).orElseThrow().consumedAt()).isNull();
        assertThat(consumer.consumeRecorded(token.jti(), token.tokenDigest())).isTrue();
        assertThat(consumer.consumeRecorded(token.jti(), token.tokenDigest())).isFalse();
    }

    @Test
    void aJoinFindingTheQueueFullIsRefusedAsUnavailableAndTheOthersGoThrough() throws Exception {
        List<IssuedToken> tokens = tokens(6);
        List<Future<Boolean>> waiting = queuedBehindAHeldLeader(tokens.subList(0, 5));

        FoyerException refused = catchThrowableOfType(FoyerException.class,
                () -> consumer.consumeRecorded(tokens.get(5).jti(), tokens.get(5).tokenDigest()));

        assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(refused.getMessage()).contains("too busy");
        gate.release(2);
        for (Future<Boolean> r : waiting) {
            assertThat(r.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(stores.issuedTokens().find(tokens.get(5).jti()).orElseThrow().consumedAt()).isNull();
        gate = null;
        assertThat(consumer.consumeRecorded(tokens.get(5).jti(), tokens.get(5).tokenDigest())).isTrue();
    }

    @Test
    void aFailedBatchRefusesItsJoinsAsUnavailableAndTheNextBatchWorks() {
        IssuedToken token = tokens(1).get(0);
        failing.set(true);

        FoyerException refused = catchThrowableOfType(FoyerException.class,
                () -> consumer.consumeRecorded(token.jti(), token.tokenDigest()));

        assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(refused.getMessage()).contains("could not be recorded");
        failing.set(false);
        assertThat(consumer.consumeRecorded(token.jti(), token.tokenDigest())).isTrue();
    }

    @Test
    void closingCarriesTheQueuedJoinsAndRefusesLaterOnes() throws Exception {
        List<IssuedToken> tokens = tokens(3);
        Future<Boolean> first = leaderHeldWith(tokens.get(0));
        Future<Boolean> queuedJoin = joins.submit(consume(tokens.get(1)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 1);
        consumer.close();

        gate.release(2);

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(queuedJoin.get(10, TimeUnit.SECONDS)).isTrue();
        FoyerException refused = catchThrowableOfType(FoyerException.class,
                () -> consumer.consumeRecorded(tokens.get(2).jti(), tokens.get(2).tokenDigest()));
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(refused.getMessage()).contains("shutting down");
    }

    /** How many joins wait for a leader to carry their token. */
    private static int waiting() {
        return Parked.in(TokenConsumer.class, "consumeRecorded");
    }

    /** A join whose thread leads a batch that {@link #gate} holds until permits are released. */
    private Future<Boolean> leaderHeldWith(IssuedToken token) {
        gate = new Semaphore(0);
        Future<Boolean> leader = joins.submit(consume(token));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.hasQueuedThreads());
        return leader;
    }

    /** The first token's join leads a held batch; the others queue behind it. In order. */
    private List<Future<Boolean>> queuedBehindAHeldLeader(List<IssuedToken> tokens) {
        List<Future<Boolean>> joined = new ArrayList<>();
        joined.add(leaderHeldWith(tokens.get(0)));
        for (IssuedToken t : tokens.subList(1, tokens.size())) {
            joined.add(joins.submit(consume(t)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == tokens.size() - 1);
        return joined;
    }

    private Callable<Boolean> consume(IssuedToken token) {
        return () -> consumer.consumeRecorded(token.jti(), token.tokenDigest());
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
                        committers.add(Thread.currentThread());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
