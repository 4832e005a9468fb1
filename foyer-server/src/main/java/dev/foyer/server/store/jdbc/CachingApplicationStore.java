package dev.foyer.server.store.jdbc;

import dev.foyer.server.app.AppId;
import dev.foyer.server.app.Application;
import dev.foyer.server.store.ApplicationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Remembers application rows, by id, for a moment: every Platform API call looks up the
 * application its access token names, and a back-end minting a token per arriving visitor makes
 * hundreds of such calls a second, which was 7% of a mint's cost (docs/performance.md, item 58).
 * Every write through this store forgets the application at once, and reads inside a transaction
 * are never remembered ({@link RecentRows}); a write that bypasses it — {@code foyer app} commands
 * run while the server is up, on the same embedded database — shows within {@link #TTL}. Lookups
 * by client id or name (the token endpoint, the admin commands) always read the row.
 */
final class CachingApplicationStore implements ApplicationStore {
    static final Duration TTL = Duration.ofSeconds(2);
    static final int SIZE = 1_000;

    private final ApplicationStore store;
    private final RecentRows<AppId, Application> recent;

    CachingApplicationStore(ApplicationStore store, BooleanSupplier inTransaction) {
        this.store = store;
        this.recent = new RecentRows<>(TTL, SIZE, inTransaction);
    }

    @Override
    public Optional<Application> find(AppId id) {
        return recent.find(id, store::find);
    }

    @Override
    public void insert(Application application) {
        recent.write(application.id(), () -> {
            store.insert(application);
            return null;
        });
    }

    @Override
    public Optional<Application> findByIdOrName(String idOrName) {
        return store.findByIdOrName(idOrName);
    }

    @Override
    public Optional<Application> findByClientId(String clientId) {
        return store.findByClientId(clientId);
    }

    @Override
    public List<Application> list() {
        return store.list();
    }

    @Override
    public boolean updateClientSecretHash(AppId id, String clientSecretHash) {
        return recent.write(id, () -> store.updateClientSecretHash(id, clientSecretHash));
    }

    @Override
    public boolean updateSettings(AppId id, List<String> allowedOrigins, String callbackUrl) {
        return recent.write(id, () -> store.updateSettings(id, allowedOrigins, callbackUrl));
    }

    @Override
    public boolean updateWebhookSecret(AppId id, String secret, String previous, Instant previousExpiresAt) {
        return recent.write(id, () -> store.updateWebhookSecret(id, secret, previous, previousExpiresAt));
    }

    @Override
    public boolean delete(AppId id) {
        return recent.write(id, () -> store.delete(id));
    }
}
