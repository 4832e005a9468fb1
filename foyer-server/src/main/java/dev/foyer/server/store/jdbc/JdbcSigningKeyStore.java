package dev.foyer.server.store.jdbc;

import dev.foyer.server.store.SigningKeyStore;
import dev.foyer.server.token.StoredSigningKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link SigningKeyStore} over the {@code signing_keys} table. */
final class JdbcSigningKeyStore implements SigningKeyStore {
    private static final String COLUMNS = "kid, private_jwk, created_at, retired_at";

    private final Jdbi jdbi;

    JdbcSigningKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(StoredSigningKey key) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO signing_keys (" + COLUMNS + ") "
                        + "VALUES (:kid, :privateJwk, :createdAt, :retiredAt)")
                .bind("kid", key.kid())
                .bind("privateJwk", key.privateJwk())
                .bind("createdAt", key.createdAt())
                .bindByType("retiredAt", key.retiredAt(), Instant.class)
                .execute());
    }

    @Override
    public List<StoredSigningKey> listUnretired() {
        return list("SELECT " + COLUMNS + " FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at, kid");
    }

    @Override
    public List<StoredSigningKey> listAll() {
        return list("SELECT " + COLUMNS + " FROM signing_keys ORDER BY created_at, kid");
    }

    private List<StoredSigningKey> list(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).map(JdbcSigningKeyStore::map).list());
    }

    @Override
    public boolean retire(String kid, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE signing_keys SET retired_at = :at WHERE kid = :kid AND retired_at IS NULL")
                .bind("kid", kid)
                .bind("at", at)
                .execute()) > 0;
    }

    private static StoredSigningKey map(ResultSet rs, StatementContext context) throws SQLException {
        return new StoredSigningKey(
                rs.getString("kid"),
                rs.getString("private_jwk"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "retired_at"));
    }
}
