package dev.foyer.bench.jmh;

import dev.foyer.server.store.SigningKeyStore;
import dev.foyer.server.token.StoredSigningKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Signing keys in memory, so token benchmarks measure cryptography, not a database. */
final class MemorySigningKeyStore implements SigningKeyStore {
    private final List<StoredSigningKey> keys = new ArrayList<>();

    @Override
    public synchronized void insert(StoredSigningKey key) {
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
        return false;
    }
}
