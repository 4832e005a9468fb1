package dev.foyer.server.store.jdbc;

import dev.foyer.server.app.AppId;
import dev.foyer.server.app.Application;
import dev.foyer.server.meeting.Organizer;
import dev.foyer.server.store.ApplicationStore;
import dev.foyer.server.store.DuplicateException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link ApplicationStore} over the {@code applications} table. */
final class JdbcApplicationStore implements ApplicationStore {
    private static final String COLUMNS =
            "id, name, client_id, client_secret_hash, allowed_origins, callback_url, webhook_secret, created_at, "
            + "previous_webhook_secret, previous_webhook_secret_expires_at";

    private final Jdbi jdbi;
    /** Told after an application is deleted, with the meetings and tokens it owned. */
    private final Runnable deleted;

    JdbcApplicationStore(Jdbi jdbi, Runnable deleted) {
        this.jdbi = jdbi;
        this.deleted = deleted;
    }

    @Override
    public void insert(Application application) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO applications (" + COLUMNS + ") VALUES "
                            + "(:id, :name, :clientId, :clientSecretHash, :allowedOrigins, :callbackUrl, "
                            + ":webhookSecret, :createdAt, :previousSecret, :previousExpiresAt)")
                    .bind("id", application.id().value())
                    .bind("name", application.name())
                    .bind("clientId", application.clientId())
                    .bind("clientSecretHash", application.clientSecretHash())
                    .bind("allowedOrigins", Columns.json(application.allowedOrigins()))
                    .bind("callbackUrl", application.callbackUrl())
                    .bind("webhookSecret", application.webhookSecret())
                    .bind("createdAt", application.createdAt())
                    .bind("previousSecret", application.previousWebhookSecret())
                    .bindByType("previousExpiresAt", application.previousWebhookSecretExpiresAt(), Instant.class)
                    .execute());
        } catch (JdbiException e) {
            String violation = UniqueViolations.message(e).orElseThrow(() -> e);
            throw duplicate(violation, application);
        }
    }

    private static DuplicateException duplicate(String message, Application application) {
        if (message.contains("applications_name_key")) {
            return new DuplicateException("application name already taken: " + application.name());
        }
        if (message.contains("applications_client_id_key")) {
            return new DuplicateException("client id already taken: " + application.clientId());
        }
        return new DuplicateException("application id already taken: " + application.id());
    }

    @Override
    public Optional<Application> find(AppId id) {
        return findOne("SELECT " + COLUMNS + " FROM applications WHERE id = :value", id.value());
    }

    @Override
    public Optional<Application> findByIdOrName(String idOrName) {
        return findOne("SELECT " + COLUMNS + " FROM applications WHERE id = :value OR name = :value "
                + "ORDER BY CASE WHEN id = :value THEN 0 ELSE 1 END LIMIT 1", idOrName);
    }

    @Override
    public Optional<Application> findByClientId(String clientId) {
        return findOne("SELECT " + COLUMNS + " FROM applications WHERE client_id = :value", clientId);
    }

    private Optional<Application> findOne(String sql, String value) {
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("value", value)
                .map(JdbcApplicationStore::map)
                .findFirst());
    }

    @Override
    public List<Application> list() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM applications ORDER BY created_at, id")
                .map(JdbcApplicationStore::map)
                .list());
    }

    @Override
    public boolean updateClientSecretHash(AppId id, String clientSecretHash) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE applications SET client_secret_hash = :hash WHERE id = :id")
                .bind("id", id.value())
                .bind("hash", clientSecretHash)
                .execute()) > 0;
    }

    @Override
    public boolean updateSettings(AppId id, List<String> allowedOrigins, String callbackUrl) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE applications SET allowed_origins = :origins, "
                        + "callback_url = :callbackUrl WHERE id = :id")
                .bind("id", id.value())
                .bind("origins", Columns.json(allowedOrigins))
                .bind("callbackUrl", callbackUrl)
                .execute()) > 0;
    }

    @Override
    public boolean updateWebhookSecret(AppId id, String secret, String previous, Instant previousExpiresAt) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE applications SET webhook_secret = :secret, "
                        + "previous_webhook_secret = :previous, previous_webhook_secret_expires_at = :expiresAt "
                        + "WHERE id = :id")
                .bind("id", id.value())
                .bind("secret", secret)
                .bind("previous", previous)
                .bindByType("expiresAt", previousExpiresAt, Instant.class)
                .execute()) > 0;
    }

    /**
     * Deletes the application's meetings with what they own (tokens, chat, participations), the
     * tokens it minted, then the application.
     */
    @Override
    public boolean delete(AppId id) {
        try {
            return jdbi.inTransaction(handle -> {
                for (String table : List.of("issued_tokens", "webhook_events")) {
                    handle.createUpdate("DELETE FROM " + table + " WHERE app_id = :id")
                            .bind("id", id.value())
                            .execute();
                }
                for (String table : JdbcMeetingStore.OWNED_TABLES) {
                    handle.createUpdate("DELETE FROM " + table + " WHERE meeting_id IN "
                                    + "(SELECT id FROM meetings WHERE organizer_kind = :kind AND organizer_id = :id)")
                            .bind("id", id.value())
                            .bind("kind", Organizer.Kind.APPLICATION.name())
                            .execute();
                }
                handle.createUpdate("DELETE FROM meetings WHERE organizer_kind = :kind AND organizer_id = :id")
                        .bind("id", id.value())
                        .bind("kind", Organizer.Kind.APPLICATION.name())
                        .execute();
                return handle.createUpdate("DELETE FROM applications WHERE id = :id")
                        .bind("id", id.value())
                        .execute() > 0;
            });
        } finally {
            deleted.run();
        }
    }

    private static Application map(ResultSet rs, StatementContext context) throws SQLException {
        return new Application(
                new AppId(rs.getString("id")),
                rs.getString("name"),
                rs.getString("client_id"),
                rs.getString("client_secret_hash"),
                Columns.stringList(rs, "allowed_origins"),
                rs.getString("callback_url"),
                rs.getString("webhook_secret"),
                Columns.instant(rs, "created_at"),
                rs.getString("previous_webhook_secret"),
                Columns.instant(rs, "previous_webhook_secret_expires_at"));
    }
}
