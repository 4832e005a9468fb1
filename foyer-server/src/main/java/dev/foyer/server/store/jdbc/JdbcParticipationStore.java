package dev.foyer.server.store.jdbc;

import dev.foyer.server.live.ParticipationRecord;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.DuplicateException;
import dev.foyer.server.store.ParticipationStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link ParticipationStore} over the {@code participations} table, one row per (meeting,
 * participant). Recording a second join of the same participant throws {@link DuplicateException}.
 */
final class JdbcParticipationStore implements ParticipationStore {
    private static final String COLUMNS = "meeting_id, participant_id, subject, display_name, role, joined_at, "
            + "admitted_at, admitted_by, left_at, left_reason";

    private final Jdbi jdbi;

    JdbcParticipationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static final String INSERT = "INSERT INTO participations (" + COLUMNS + ") VALUES "
            + "(:meetingId, :participantId, :subject, :displayName, :role, :joinedAt, "
            + ":admittedAt, :admittedBy, :leftAt, :leftReason)";

    @Override
    public void recordJoin(ParticipationRecord record) {
        try {
            jdbi.useHandle(handle -> bind(handle.createUpdate(INSERT), record).execute());
        } catch (JdbiException e) {
            throw duplicateOr(e, record.participantId() + " in " + record.meetingId());
        }
    }

    /** One prepared statement for all: JDBI's and the driver's work per statement is paid once. */
    @Override
    public void recordJoins(List<ParticipationRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            jdbi.useHandle(handle -> {
                PreparedBatch batch = handle.prepareBatch(INSERT);
                for (ParticipationRecord record : records) {
                    bind(batch, record).add();
                }
                batch.execute();
            });
        } catch (JdbiException e) {
            throw duplicateOr(e, records.size() + " participations");
        }
    }

    private static <S extends SqlStatement<S>> S bind(S statement, ParticipationRecord record) {
        return statement.bind("meetingId", record.meetingId().value())
                .bind("participantId", record.participantId())
                .bind("subject", record.subject())
                .bind("displayName", record.displayName())
                .bind("role", record.role())
                .bind("joinedAt", record.joinedAt())
                .bindByType("admittedAt", record.admittedAt(), Instant.class)
                .bind("admittedBy", record.admittedBy())
                .bindByType("leftAt", record.leftAt(), Instant.class)
                .bind("leftReason", record.leftReason());
    }

    /** A unique violation as {@link DuplicateException}; anything else as it was. */
    private static RuntimeException duplicateOr(JdbiException e, String what) {
        if (UniqueViolations.message(e).isEmpty()) {
            return e;
        }
        return new DuplicateException("participation already recorded: " + what);
    }

    @Override
    public void recordAdmitted(MeetingId meetingId, String participantId, String admittedBy, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE participations SET admitted_at = :at, "
                        + "admitted_by = :admittedBy WHERE meeting_id = :meetingId AND participant_id = :participantId")
                .bind("meetingId", meetingId.value())
                .bind("participantId", participantId)
                .bind("admittedBy", admittedBy)
                .bind("at", at)
                .execute());
    }

    /** A single conditional UPDATE, so the first of racing calls wins. */
    @Override
    public void recordLeft(MeetingId meetingId, String participantId, Instant at, String reason) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE participations SET left_at = :at, left_reason = :reason "
                        + "WHERE meeting_id = :meetingId AND participant_id = :participantId AND left_at IS NULL")
                .bind("meetingId", meetingId.value())
                .bind("participantId", participantId)
                .bind("at", at)
                .bind("reason", reason)
                .execute());
    }

    @Override
    public List<ParticipationRecord> list(MeetingId meetingId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM participations "
                        + "WHERE meeting_id = :meetingId ORDER BY joined_at, participant_id")
                .bind("meetingId", meetingId.value())
                .map(JdbcParticipationStore::map)
                .list());
    }

    private static ParticipationRecord map(ResultSet rs, StatementContext context) throws SQLException {
        return new ParticipationRecord(
                new MeetingId(rs.getString("meeting_id")),
                rs.getString("participant_id"),
                rs.getString("subject"),
                rs.getString("display_name"),
                rs.getString("role"),
                Columns.instant(rs, "joined_at"),
                Columns.instant(rs, "admitted_at"),
                rs.getString("admitted_by"),
                Columns.instant(rs, "left_at"),
                rs.getString("left_reason"));
    }
}
