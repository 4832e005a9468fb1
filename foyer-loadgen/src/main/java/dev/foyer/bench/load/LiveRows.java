package dev.foyer.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the database rows that hold live state, read straight from the server's database: open
 * participations (no {@code left_at}) and join tokens neither consumed, revoked nor expired. Chat
 * lines and closed participations are history and grow by design; they are counted for context.
 * So is the database's size on disk ({@code databaseBytes}): H2's file, or PostgreSQL's database.
 */
final class LiveRows {
    private final String jdbcUrl;
    private final String user;
    private final String password;

    LiveRows(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The JDBC URL of the embedded database in {@code dataDir}, as the server opens it (AUTO_SERVER lets a second process in). */
    static String h2Url(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("foyer")
                + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    Map<String, Object> count() {
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            m.put("openParticipations", one(s, "SELECT COUNT(*) FROM participations WHERE left_at IS NULL"));
            m.put("unusedJoinTokens", one(s, "SELECT COUNT(*) FROM issued_tokens WHERE consumed_at IS NULL"
                    + " AND revoked_at IS NULL AND expires_at > CURRENT_TIMESTAMP"));
            m.put("participationsTotal", one(s, "SELECT COUNT(*) FROM participations"));
            m.put("chatMessagesTotal", one(s, "SELECT COUNT(*) FROM chat_messages"));
            m.put("databaseBytes", one(s, jdbcUrl.startsWith("jdbc:h2:")
                    ? "SELECT CAST(setting_value AS BIGINT) FROM information_schema.settings"
                            + " WHERE setting_name = 'info.FILE_SIZE'"
                    : "SELECT pg_database_size(current_database())"));
        } catch (SQLException e) {
            m.put("error", e.getMessage());
        }
        return m;
    }

    private static long one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
