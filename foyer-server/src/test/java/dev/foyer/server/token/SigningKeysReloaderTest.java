package dev.foyer.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foyer.server.store.SigningKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server's key ring follows rotations done by another process sharing its store. */
class SigningKeysReloaderTest {
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final InMemorySigningKeyStore store = new InMemorySigningKeyStore();
    private final FailingStore serverStore = new FailingStore(store);
    private final TestClock clock = new TestClock();
    private final SigningKeys server = new SigningKeys(serverStore, clock);
    private final SigningKeys admin = new SigningKeys(store, clock);
    private SigningKeysReloader reloader;

    @AfterEach
    void stop() {
        if (reloader != null) {
            reloader.close();
        }
    }

    @Test
    void keyRotatedElsewhereSignsHereAfterAReload() {
        String old = server.signingKeyId();
        reloader = SigningKeysReloader.start(server, INTERVAL);

        String rotated = admin.rotate();

        await().atMost(DEADLINE).until(() -> server.signingKeyId().equals(rotated));
        assertThat(server.verificationKeyIds()).containsExactly(old, rotated);
    }

    @Test
    void failedReloadsKeepTheOldKeysAndDoNotStopLaterOnes() {
        String old = server.signingKeyId();
        serverStore.failuresLeft.set(3);
        String rotated = admin.rotate();

        reloader = SigningKeysReloader.start(server, INTERVAL);

        await().atMost(DEADLINE).until(() -> serverStore.failuresLeft.get() == 0);
        assertThat(server.verificationKeyIds()).contains(old);
        await().atMost(DEADLINE).until(() -> server.signingKeyId().equals(rotated));
    }

    /** Reads through to a store, failing the next {@code failuresLeft} reads of the unretired keys. */
    private static final class FailingStore implements SigningKeyStore {
        final AtomicInteger failuresLeft = new AtomicInteger();
        private final SigningKeyStore delegate;

        FailingStore(SigningKeyStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void insert(StoredSigningKey key) {
            delegate.insert(key);
        }

        @Override
        public List<StoredSigningKey> listUnretired() {
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("database unreachable");
            }
            return delegate.listUnretired();
        }

        @Override
        public List<StoredSigningKey> listAll() {
            return delegate.listAll();
        }

        @Override
        public boolean retire(String kid, Instant at) {
            return delegate.retire(kid, at);
        }
    }
}
