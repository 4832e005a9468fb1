package dev.foyer.server.store.jdbc;

import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.AutomaticLeaderAssignment;
import dev.foyer.server.meeting.LobbyBypass;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingPolicy;
import dev.foyer.server.meeting.Organizer;
import dev.foyer.server.store.MeetingStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link MeetingStore} over the {@code meetings} table. */
final class JdbcMeetingStore implements MeetingStore {
    private static final String COLUMNS = "id, organizer_kind, organizer_id, organizer_url_name, subject, "
            + "description, access_level, lobby_bypass, automatic_leader_assignment, attendees, leaders, "
            + "start_time, end_time, expiration_time, created_at, ended_at, end_reason";

    /** The tables whose rows belong to a meeting, by their {@code meeting_id} column. */
    static final List<String> OWNED_TABLES = List.of("issued_tokens", "chat_messages", "participations",
            "webhook_events");

    private final Jdbi jdbi;

    JdbcMeetingStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Meeting meeting) {
        jdbi.useHandle(handle -> bindMutableFields(handle.createUpdate("INSERT INTO meetings (" + COLUMNS + ") "
                        + "VALUES (:id, :organizerKind, :organizerId, :organizerUrlName, :subject, :description, "
                        + ":accessLevel, :lobbyBypass, :automaticLeaderAssignment, :attendees, :leaders, "
                        + ":startTime, :endTime, :expirationTime, :createdAt, :endedAt, :endReason)"), meeting)
                .bind("organizerKind", meeting.organizer().kind().name())
                .bind("organizerId", meeting.organizer().id())
                .bind("organizerUrlName", meeting.organizer().urlName())
                .bind("createdAt", meeting.createdAt())
                .bindByType("endedAt", meeting.endedAt(), Instant.class)
                .bind("endReason", meeting.endReason())
                .execute());
    }

    @Override
    public boolean update(Meeting meeting) {
        return jdbi.withHandle(handle -> bindMutableFields(handle.createUpdate("UPDATE meetings SET "
                        + "subject = :subject, description = :description, access_level = :accessLevel, "
                        + "lobby_bypass = :lobbyBypass, automatic_leader_assignment = :automaticLeaderAssignment, "
                        + "attendees = :attendees, leaders = :leaders, start_time = :startTime, "
                        + "end_time = :endTime, expiration_time = :expirationTime WHERE id = :id"), meeting)
                .execute()) > 0;
    }

    private static <S extends SqlStatement<S>> S bindMutableFields(S statement, Meeting meeting) {
        MeetingPolicy policy = meeting.policy();
        return statement
                .bind("id", meeting.id().value())
                .bind("subject", meeting.subject())
                .bind("description", meeting.description())
                .bind("accessLevel", policy.accessLevel().name())
                .bind("lobbyBypass", policy.lobbyBypass().name())
                .bind("automaticLeaderAssignment", policy.automaticLeaderAssignment().name())
                .bind("attendees", Columns.json(meeting.attendees()))
                .bind("leaders", Columns.json(meeting.leaders()))
                .bindByType("startTime", meeting.startTime(), Instant.class)
                .bindByType("endTime", meeting.endTime(), Instant.class)
                .bind("expirationTime", meeting.expirationTime());
    }

    @Override
    public Optional<Meeting> find(MeetingId id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM meetings WHERE id = :id")
                .bind("id", id.value())
                .map(JdbcMeetingStore::map)
                .findFirst());
    }

    @Override
    public boolean markEnded(MeetingId id, Instant at, String reason) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE meetings SET ended_at = :at, "
                        + "end_reason = :reason WHERE id = :id AND ended_at IS NULL")
                .bind("id", id.value())
                .bind("at", at)
                .bind("reason", reason)
                .execute()) > 0;
    }

    @Override
    public List<Meeting> listByOrganizer(Organizer organizer, int offset, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM meetings "
                        + "WHERE organizer_kind = :kind AND organizer_id = :organizerId "
                        + "ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("kind", organizer.kind().name())
                .bind("organizerId", organizer.id())
                .bind("limit", limit)
                .bind("offset", offset)
                .map(JdbcMeetingStore::map)
                .list());
    }

    /**
     * Deletes the meeting, the tokens bound to it (which can never admit anyone again), its chat and
     * its participations.
     */
    @Override
    public boolean delete(MeetingId id) {
        return jdbi.inTransaction(handle -> {
            for (String table : OWNED_TABLES) {
                handle.createUpdate("DELETE FROM " + table + " WHERE meeting_id = :id")
                        .bind("id", id.value())
                        .execute();
            }
            return handle.createUpdate("DELETE FROM meetings WHERE id = :id").bind("id", id.value()).execute() > 0;
        });
    }

    private static Meeting map(ResultSet rs, StatementContext context) throws SQLException {
        return new Meeting(
                new MeetingId(rs.getString("id")),
                new Organizer(Organizer.Kind.valueOf(rs.getString("organizer_kind")),
                        rs.getString("organizer_id"), rs.getString("organizer_url_name")),
                rs.getString("subject"),
                rs.getString("description"),
                new MeetingPolicy(AccessLevel.valueOf(rs.getString("access_level")),
                        LobbyBypass.valueOf(rs.getString("lobby_bypass")),
                        AutomaticLeaderAssignment.valueOf(rs.getString("automatic_leader_assignment"))),
                Columns.stringList(rs, "attendees"),
                Columns.stringList(rs, "leaders"),
                Columns.instant(rs, "start_time"),
                Columns.instant(rs, "end_time"),
                Columns.instant(rs, "expiration_time"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "ended_at"),
                rs.getString("end_reason"));
    }
}
