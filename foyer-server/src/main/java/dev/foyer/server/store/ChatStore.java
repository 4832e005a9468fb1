package dev.foyer.server.store;

import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.meeting.MeetingId;
import java.util.List;

/**
 * A meeting's chat, persisted with the meeting's sequence numbers. A line is acknowledged to its
 * sender only after the batch holding it is committed.
 */
public interface ChatStore {
    /**
     * Commits a batch of lines in one transaction. Lines whose (meeting, sender, clientMessageId)
     * is already stored are skipped, not duplicated; the others are all stored or none.
     */
    void appendBatch(List<ChatRecord> lines);

    /** The last {@code limit} lines of the meeting, oldest first. */
    List<ChatRecord> recent(MeetingId meetingId, int limit);

    /** The highest sequence number stored for the meeting (chat or otherwise), or 0. */
    long maxSeq(MeetingId meetingId);
}
