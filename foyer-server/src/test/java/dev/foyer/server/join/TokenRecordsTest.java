package dev.foyer.server.join;

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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Minted tokens are recorded many to a transaction on the real H2 store, each before its mint returns. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRecordsTest {
    @TempDir
    static Path dataDir;
    private TestDatabase database;
    private Stores stores;
    /** The size of each batch that reached the store. */
    private final List<Integer> batches = new CopyOnWriteArrayList<>();
    /** When set, a batch waits here for a permit before it reaches the store. */
    private volatile Semaphore gate;
    private volatile RuntimeException failure;

    @BeforeAll
    void open() throws Exception {
        database = TestDatabases.freshH2(Files.createDirectories(dataDir.resolve("data")));
        stores = JdbcStores.open(database.config());
    }

    @BeforeEach
    void reset() {
        batches.clear();
        gate = null;
        failure = null;
    }

    @AfterAll
    void close() {
        stores.close();
        database.close();
    }

    @Test
    void mintsArrivingDuringACommitShareTheNextAndHearOnlyOnceTheirRecordIsCommitted() throws Exception {
        TokenRecords records = new TokenRecords(observed(stores.issuedTokens()), new SimpleMeterRegistry());
        List<IssuedToken> tokens = tokens(4);
        gate = new Semaphore(0);
        List<CompletableFuture<Void>> minted = new ArrayList<>();
        minted.add(records.record(tokens.get(0)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.hasQueuedThreads());
        for (IssuedToken t : tokens.subList(1, 4)) {
            minted.add(records.record(t));
        }
        assertThat(minted).as("none committed yet").noneMatch(CompletableFuture::isDone);
        assertThat(stores.issuedTokens().find(tokens.get(3).jti())).isEmpty();

        gate.release(2);
        CompletableFuture.allOf(minted.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(batches).containsExactly(1, 3);
        for (IssuedToken t : tokens) {
            assertThat(stores.issuedTokens().find(t.jti())).contains(t);
        }
    }

    @Test
    void aMintWhoseCommitFailedIsRefusedAsUnavailableAndTheNextOneIsRecorded() throws Exception {
        TokenRecords records = new TokenRecords(observed(stores.issuedTokens()), new SimpleMeterRegistry());
        IssuedToken token = tokens(1).get(0);
        failure = new IllegalStateException("the database is down");

        ExecutionException refused = catchThrowableOfType(ExecutionException.class,
                () -> records.record(token).get(10, TimeUnit.SECONDS));

        assertThat(refused).cause().isInstanceOfSatisfying(FoyerException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("the token could not be recorded; try again");
        });
        failure = null;
        records.record(token).get(10, TimeUnit.SECONDS);
        assertThat(stores.issuedTokens().find(token.jti())).contains(token);
    }

    private static List<IssuedToken> tokens(int n) {
        return IssuedTokens.fresh(n);
    }

    /** The real store, each batch counted, held at {@link #gate} or failed on demand. */
    private IssuedTokenStore observed(IssuedTokenStore real) {
        return (IssuedTokenStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IssuedTokenStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("insertAll")) {
                        Semaphore g = gate;
                        if (g != null) {
                            g.acquire();
                        }
                        if (failure != null) {
                            throw failure;
                        }
                        batches.add(((List<?>) args[0]).size());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
