package dev.foyer.server.token;

import dev.foyer.server.store.SigningKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link SigningKeyStore} in a list, in insertion order; shared by two "processes" in tests. */
final class InMemorySigningKeyStore implements SigningKeyStore {
    private final List<StoredSigningKey> keys = new ArrayList<>();

    @Override
    public synchronized void insert(StoredSigningKey key) {
        for (StoredSigningKey k : keys) {
            if (k.kid().equals(key.kid())) {
                throw new IllegalStateException("duplicate kid " + key.kid());
            }
        }
        keys.add(key);
    }

    @Override
    public synchronized List<StoredSigningKey> listUnretired() {
        return keys.stream().filter(k -> k.retiredAt() == null).toList();
    }

    @Override
    public synchronized List<StoredSigningKey> listAll() {
        return List.copyOf(keys);
    }

    @Override
    public synchronized boolean retire(String kid, Instant at) {
        for (int i = 0; i < keys.size(); i++) {
            StoredSigningKey k = keys.get(i);
            if (k.kid().equals(kid) && k.retiredAt() == null) {
                keys.set(i, new StoredSigningKey(k.kid(), k.privateJwk(), k.createdAt(), at));
                return true;
            }
        }
        return false;
    }

    /** The stored private JWK of {@code kid}, for tests that forge tokens with a real key. */
    synchronized String privateJwk(String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).findFirst().orElseThrow().privateJwk();
    }
}
