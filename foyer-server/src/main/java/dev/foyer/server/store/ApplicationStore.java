package dev.foyer.server.store;

import dev.foyer.server.app.AppId;
import dev.foyer.server.app.Application;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Trusted applications. Names are unique; inserting a taken name throws {@link DuplicateException}. */
public interface ApplicationStore {
    void insert(Application application);

    Optional<Application> find(AppId id);

    /** The application with this id or this name, for admin commands that accept either. */
    Optional<Application> findByIdOrName(String idOrName);

    Optional<Application> findByClientId(String clientId);

    /** All applications, oldest first. */
    List<Application> list();

    /** Replaces the stored client secret hash; false when the application does not exist. */
    boolean updateClientSecretHash(AppId id, String clientSecretHash);

    /** Replaces the allowed origins and the callback URL (null: none); false when the application does not exist. */
    boolean updateSettings(AppId id, List<String> allowedOrigins, String callbackUrl);

    /**
     * Replaces the webhook secret; {@code previous} keeps signing until {@code previousExpiresAt}
     * (both null: no overlap). False when the application does not exist.
     */
    boolean updateWebhookSecret(AppId id, String secret, String previous, Instant previousExpiresAt);

    /** Deletes the application and everything it owns; false when it did not exist. */
    boolean delete(AppId id);
}
