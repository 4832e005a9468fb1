package dev.foyer.server.live;

import dev.foyer.server.meeting.MeetingId;
import java.time.Instant;
import java.util.Objects;

/**
 * One chat line as stored and as replayed to late joiners.
 *
 * @param seq the meeting's sequence number of the line
 * @param messageId the server's id of the line
 * @param senderId the participant id of the sender (stamped by the server)
 * @param senderName the sender's display name when it was sent
 * @param clientMessageId the sender's idempotency key; unique per (meeting, sender)
 */
public record ChatRecord(
        MeetingId meetingId,
        long seq,
        String messageId,
        String senderId,
        String senderName,
        String clientMessageId,
        String text,
        Instant sentAt) {
    public ChatRecord {
        Objects.requireNonNull(meetingId, "meetingId == null");
        Objects.requireNonNull(messageId, "messageId == null");
        Objects.requireNonNull(senderId, "senderId == null");
        Objects.requireNonNull(senderName, "senderName == null");
        Objects.requireNonNull(clientMessageId, "clientMessageId == null");
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(sentAt, "sentAt == null");
    }
}
