package dev.foyer.server.store.jdbc;

import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.TokenKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * {@link IssuedTokenStore} over the {@code issued_tokens} table. State changes are single
 * conditional UPDATEs, so the database settles races between nodes and threads.
 */
final class JdbcIssuedTokenStore implements IssuedTokenStore {
    private static final String COLUMNS =
            "jti, kind, meeting_id, app_id, subject, issued_at, expires_at, revoked_at, consumed_at, token_digest";

    /** Uses up the token {@code :jti}, only while it is neither used nor revoked. */
    private static final String CONSUME = "UPDATE issued_tokens SET consumed_at = :at WHERE jti = :jti"
            + " AND consumed_at IS NULL AND revoked_at IS NULL";

    private final Jdbi jdbi;

    JdbcIssuedTokenStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static final String INSERT = "INSERT INTO issued_tokens (" + COLUMNS + ") VALUES "
            + "(:jti, :kind, :meetingId, :appId, :subject, :issuedAt, :expiresAt, :revokedAt, :consumedAt, :tokenDigest)";

    @Override
    public void insert(IssuedToken token) {
        jdbi.useHandle(handle -> bind(handle.createUpdate(INSERT), token).execute());
    }

    @Override
    public void insertAll(List<IssuedToken> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch(INSERT);
            for (IssuedToken token : tokens) {
                bind(batch, token).add();
            }
            batch.execute();
        });
    }

    private static <S extends SqlStatement<S>> S bind(S statement, IssuedToken token) {
        return statement
                .bind("jti", token.jti())
                .bind("kind", token.kind().name())
                .bind("meetingId", token.meetingId().value())
                .bind("appId", token.appId())
                .bind("subject", token.subject())
                .bind("issuedAt", token.issuedAt())
                .bind("expiresAt", token.expiresAt())
                .bindByType("revokedAt", token.revokedAt(), Instant.class)
                .bindByType("consumedAt", token.consumedAt(), Instant.class)
                .bindByType("tokenDigest", token.tokenDigest(), String.class);
    }

    @Override
    public Optional<IssuedToken> find(String jti) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM issued_tokens WHERE jti = :jti")
                .bind("jti", jti)
                .map(JdbcIssuedTokenStore::map)
                .findFirst());
    }

    @Override
    public boolean revoke(String jti, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE issued_tokens SET revoked_at = :at WHERE jti = :jti AND revoked_at IS NULL")
                .bind("jti", jti)
                .bind("at", at)
                .execute()) > 0;
    }

    @Override
    public int revokeAllForMeeting(MeetingId meetingId, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE issued_tokens SET revoked_at = :at "
                                + "WHERE meeting_id = :meetingId AND revoked_at IS NULL")
                .bind("meetingId", meetingId.value())
                .bind("at", at)
                .execute());
    }

    @Override
    public boolean consume(String jti, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate(CONSUME)
                .bind("jti", jti)
                .bind("at", at)
                .execute()) > 0;
    }

    @Override
    public boolean[] consumeRecorded(List<Presented> presented, Instant at) {
        boolean[] consumed = new boolean[presented.size()];
        if (presented.isEmpty()) {
            return consumed;
        }
        int[] counts = jdbi.inTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch(CONSUME + " AND token_digest = :digest");
            for (Presented p : presented) {
                batch.bind("jti", p.jti()).bind("digest", p.tokenDigest()).bind("at", at).add();
            }
            return batch.execute();
        });
        for (int i = 0; i < consumed.length; i++) {
            consumed[i] = counts[i] > 0;
        }
        return consumed;
    }

    /** Records deleted per transaction by {@link #deleteExpired}. */
    static final int DELETE_CHUNK = 1_000;
    /** The ids of the first {@link #DELETE_CHUNK} tokens expired before {@code :before}, over the index on expiry. */
    static final String EXPIRED_CHUNK = "SELECT jti FROM issued_tokens WHERE expires_at < :before "
            + "ORDER BY expires_at FETCH FIRST " + DELETE_CHUNK + " ROWS ONLY";
    private static final String DELETE_ONE = "DELETE FROM issued_tokens WHERE jti = :jti";

    /**
     * A chunk at a time: the ids over the expiry index, then one delete by primary key each, in one
     * transaction. (A single {@code DELETE ... WHERE jti IN (SELECT ... FETCH FIRST n)} read the
     * whole table on H2, running the subquery again for every row.)
     */
    @Override
    public int deleteExpired(Instant before) {
        int deleted = 0;
        int n;
        do {
            n = jdbi.inTransaction(handle -> {
                List<String> jtis = handle.createQuery(EXPIRED_CHUNK).bind("before", before).mapTo(String.class).list();
                if (jtis.isEmpty()) {
                    return 0;
                }
                PreparedBatch batch = handle.prepareBatch(DELETE_ONE);
                for (String jti : jtis) {
                    batch.bind("jti", jti).add();
                }
                batch.execute();
                return jtis.size();
            });
            deleted += n;
        } while (n == DELETE_CHUNK);
        return deleted;
    }

    private static IssuedToken map(ResultSet rs, StatementContext context) throws SQLException {
        return new IssuedToken(
                rs.getString("jti"),
                TokenKind.valueOf(rs.getString("kind")),
                new MeetingId(rs.getString("meeting_id")),
                rs.getString("app_id"),
                rs.getString("subject"),
                Columns.instant(rs, "issued_at"),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "revoked_at"),
                Columns.instant(rs, "consumed_at"),
                rs.getString("token_digest"));
    }
}
