package dev.foyer.server.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rows read a moment ago, by key, for a store that remembers them. A read outside any transaction
 * is remembered for the time given; one inside a transaction never is, since what it sees may yet
 * roll back. A write through the store forgets its row, whether it succeeded or not. A load races
 * no write: Caffeine runs it under the key's lock, which the write's invalidation waits for. What
 * is not there is not remembered: each read of an unknown key is a query.
 */
final class RecentRows<K, V> {
    private final BooleanSupplier inTransaction;
    private final Cache<K, V> recent;

    RecentRows(Duration ttl, int size, BooleanSupplier inTransaction) {
        this.inTransaction = inTransaction;
        this.recent = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(size).build();
    }

    /** The row of {@code key}: remembered, else loaded (and remembered, outside a transaction). */
    Optional<V> find(K key, Function<K, Optional<V>> load) {
        if (inTransaction.getAsBoolean()) {
            return load.apply(key);
        }
        return Optional.ofNullable(recent.get(key, k -> load.apply(k).orElse(null)));
    }

    /** Runs a write of {@code key}'s row, then forgets the row. */
    <R> R write(K key, Supplier<R> write) {
        try {
            return write.get();
        } finally {
            recent.invalidate(key);
        }
    }
}
