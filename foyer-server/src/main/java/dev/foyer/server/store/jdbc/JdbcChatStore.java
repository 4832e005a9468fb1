package dev.foyer.server.store.jdbc;

import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.ChatStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link ChatStore} over the {@code chat_messages} table.
 *
 * <p>A batch skips already stored lines portably: in one transaction it reads which of the batch's
 * client message ids each (meeting, sender) already has, then inserts the rest in one JDBC batch.
 * Two batches racing to store the same line make the later one fail on a unique constraint (the
 * line's or its sequence number's, whichever the database checks first); it is then retried in a
 * fresh transaction, which sees the committed line and skips it. A sequence number taken by another
 * line fails every attempt and is thrown, with nothing of the batch stored.
 *
 * <p>Not {@code INSERT ... ON CONFLICT DO NOTHING}: H2 accepts it only without a conflict target,
 * and then also drops a line whose sequence number is taken, silently.
 */
final class JdbcChatStore implements ChatStore {
    private static final String COLUMNS =
            "meeting_id, seq, message_id, sender_id, sender_name, client_message_id, text, sent_at";
    private static final int ATTEMPTS = 3;
    private static final int MAX_IDS_PER_QUERY = 500;

    private static final String SAVEPOINT = "chat_batch";

    private final Jdbi jdbi;

    JdbcChatStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void appendBatch(List<ChatRecord> lines) {
        Map<LineKey, ChatRecord> firstOfEach = new LinkedHashMap<>();
        for (ChatRecord line : lines) {
            firstOfEach.putIfAbsent(LineKey.of(line), line);
        }
        if (firstOfEach.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(handle -> insertNew(handle, firstOfEach));
                return;
            } catch (JdbiException e) {
                if (attempt == ATTEMPTS || UniqueViolations.message(e).isEmpty()) {
                    throw e;
                }
            }
        }
    }

    /**
     * Inserts the lines not stored yet. A batch is almost always all new, so it is first inserted
     * as it is, behind a savepoint; only if that meets a line stored before (a retry after an
     * ambiguous commit, or a concurrent append of the same lines) does it look up which, and
     * insert the rest. The common case costs one statement, not one query per sender.
     */
    private static void insertNew(Handle handle, Map<LineKey, ChatRecord> lines) {
        handle.savepoint(SAVEPOINT);
        try {
            insert(handle, lines.values());
            handle.releaseSavepoint(SAVEPOINT);
            return;
        } catch (JdbiException e) {
            if (UniqueViolations.message(e).isEmpty()) {
                throw e;
            }
            handle.rollbackToSavepoint(SAVEPOINT);
        }
        Set<LineKey> stored = storedKeys(handle, lines.keySet());
        List<ChatRecord> fresh = new ArrayList<>();
        lines.forEach((key, line) -> {
            if (!stored.contains(key)) {
                fresh.add(line);
            }
        });
        insert(handle, fresh);
    }

    private static void insert(Handle handle, Collection<ChatRecord> lines) {
        if (lines.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO chat_messages (" + COLUMNS + ") VALUES "
                + "(:meetingId, :seq, :messageId, :senderId, :senderName, :clientMessageId, :text, :sentAt)");
        for (ChatRecord line : lines) {
            batch.bind("meetingId", line.meetingId().value())
                    .bind("seq", line.seq())
                    .bind("messageId", line.messageId())
                    .bind("senderId", line.senderId())
                    .bind("senderName", line.senderName())
                    .bind("clientMessageId", line.clientMessageId())
                    .bind("text", line.text())
                    .bind("sentAt", line.sentAt())
                    .add();
        }
        batch.execute();
    }

    /** Which of {@code keys} are stored already, one query per (meeting, sender) and id chunk. */
    private static Set<LineKey> storedKeys(Handle handle, Set<LineKey> keys) {
        Map<SenderKey, List<String>> idsBySender = new LinkedHashMap<>();
        for (LineKey key : keys) {
            idsBySender.computeIfAbsent(new SenderKey(key.meetingId(), key.senderId()), k -> new ArrayList<>())
                    .add(key.clientMessageId());
        }
        Set<LineKey> stored = new HashSet<>();
        idsBySender.forEach((sender, ids) -> {
            for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
                handle.createQuery("SELECT client_message_id FROM chat_messages WHERE meeting_id = :meetingId "
                                + "AND sender_id = :senderId AND client_message_id IN (<ids>)")
                        .bind("meetingId", sender.meetingId())
                        .bind("senderId", sender.senderId())
                        .bindList("ids", ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY)))
                        .mapTo(String.class)
                        .forEach(id -> stored.add(new LineKey(sender.meetingId(), sender.senderId(), id)));
            }
        });
        return stored;
    }

    @Override
    public List<ChatRecord> recent(MeetingId meetingId, int limit) {
        List<ChatRecord> lines = new ArrayList<>(jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM chat_messages WHERE meeting_id = :meetingId ORDER BY seq DESC LIMIT :limit")
                .bind("meetingId", meetingId.value())
                .bind("limit", limit)
                .map(JdbcChatStore::map)
                .list()));
        Collections.reverse(lines);
        return lines;
    }

    @Override
    public long maxSeq(MeetingId meetingId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT GREATEST(COALESCE((SELECT MAX(seq) FROM chat_messages WHERE meeting_id = :meetingId), 0), "
                                + "COALESCE((SELECT MAX(seq) FROM webhook_events WHERE meeting_id = :meetingId), 0))")
                .bind("meetingId", meetingId.value())
                .mapTo(Long.class)
                .one());
    }

    private static ChatRecord map(ResultSet rs, StatementContext context) throws SQLException {
        return new ChatRecord(
                new MeetingId(rs.getString("meeting_id")),
                rs.getLong("seq"),
                rs.getString("message_id"),
                rs.getString("sender_id"),
                rs.getString("sender_name"),
                rs.getString("client_message_id"),
                rs.getString("text"),
                Columns.instant(rs, "sent_at"));
    }

    /** What makes a line unique besides its sequence number. */
    private record LineKey(String meetingId, String senderId, String clientMessageId) {
        static LineKey of(ChatRecord line) {
            return new LineKey(line.meetingId().value(), line.senderId(), line.clientMessageId());
        }
    }

    /** One sender in one meeting. */
    private record SenderKey(String meetingId, String senderId) {}
}
