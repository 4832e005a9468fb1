package dev.foyer.server.store.jdbc;

import dev.foyer.server.store.DuplicateException;
import dev.foyer.server.store.UserStore;
import dev.foyer.server.user.User;
import dev.foyer.server.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link UserStore} over the {@code users} table. */
final class JdbcUserStore implements UserStore {
    private static final String COLUMNS = "id, user_name, display_name, token_hash, created_at";

    private final Jdbi jdbi;

    JdbcUserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(User user) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO users (" + COLUMNS + ") VALUES "
                            + "(:id, :userName, :displayName, :tokenHash, :createdAt)")
                    .bind("id", user.id().value())
                    .bind("userName", user.userName())
                    .bind("displayName", user.displayName())
                    .bind("tokenHash", user.tokenHash())
                    .bind("createdAt", user.createdAt())
                    .execute());
        } catch (JdbiException e) {
            String violation = UniqueViolations.message(e).orElseThrow(() -> e);
            throw violation.contains("users_user_name_key")
                    ? new DuplicateException("user name already taken: " + user.userName())
                    : new DuplicateException("user id already taken: " + user.id());
        }
    }

    @Override
    public Optional<User> find(UserId id) {
        return findOne("SELECT " + COLUMNS + " FROM users WHERE id = :value", id.value());
    }

    @Override
    public Optional<User> findByUserName(String userName) {
        return findOne("SELECT " + COLUMNS + " FROM users WHERE user_name = :value", userName);
    }

    @Override
    public Optional<User> findByTokenHash(String tokenHash) {
        return findOne("SELECT " + COLUMNS + " FROM users WHERE token_hash = :value", tokenHash);
    }

    private Optional<User> findOne(String sql, String value) {
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("value", value)
                .map(JdbcUserStore::map)
                .findFirst());
    }

    @Override
    public List<User> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY created_at, id")
                .map(JdbcUserStore::map)
                .list());
    }

    @Override
    public boolean updateTokenHash(UserId id, String tokenHash) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE users SET token_hash = :hash WHERE id = :id")
                .bind("id", id.value())
                .bind("hash", tokenHash)
                .execute()) > 0;
    }

    private static User map(ResultSet rs, StatementContext context) throws SQLException {
        return new User(
                new UserId(rs.getString("id")),
                rs.getString("user_name"),
                rs.getString("display_name"),
                rs.getString("token_hash"),
                Columns.instant(rs, "created_at"));
    }
}
