package dev.foyer.server.store;

import dev.foyer.server.token.StoredSigningKey;
import java.time.Instant;
import java.util.List;

/** The server's token signing keys, kept so that tokens survive a restart. */
public interface SigningKeyStore {
    void insert(StoredSigningKey key);

    /** Every key that is not retired, oldest first. */
    List<StoredSigningKey> listUnretired();

    /** All keys, retired ones included, oldest first. */
    List<StoredSigningKey> listAll();

    /** Retires a key: it no longer signs nor verifies; false when absent or already retired. */
    boolean retire(String kid, Instant at);
}
