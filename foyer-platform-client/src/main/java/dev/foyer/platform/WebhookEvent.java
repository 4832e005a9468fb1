package dev.foyer.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One webhook callback from Foyer, as {@link WebhookVerifier#verify} returns it once the request
 * is proven to come from Foyer.
 *
 * <p>Delivery is at least once: the same event (same {@link #id()}) may arrive more than once, and
 * events may arrive out of order. Deduplicate by {@code id}; order a meeting's events by {@link
 * #seq()} when it is present.
 *
 * @param id the event's unique id; a redelivery carries the same id
 * @param type what happened, one of the {@code *} constants of this class (more may be added)
 * @param createdAt when it happened, by the server's clock
 * @param applicationId the application the event belongs to ({@code app_…})
 * @param onlineMeetingId the meeting concerned, or {@code null} for an event about no meeting
 * @param seq the meeting's sequence number of the event, or {@code null} if the event has none
 * @param data the event's details, whose shape depends on {@code type}; an empty object if none
 */
public record WebhookEvent(
        String id,
        String type,
        Instant createdAt,
        String applicationId,
        String onlineMeetingId,
        Long seq,
        JsonNode data) {

    /** A meeting was created. */
    public static final String MEETING_CREATED = "meeting.created";
    /** The first participant entered a meeting. */
    public static final String MEETING_STARTED = "meeting.started";
    /** A meeting was ended, or expired. */
    public static final String MEETING_ENDED = "meeting.ended";
    /** Someone is waiting in a meeting's lobby for a presenter to admit them. */
    public static final String LOBBY_WAITING = "lobby.waiting";
    /** A presenter admitted someone from the lobby. */
    public static final String PARTICIPANT_ADMITTED = "participant.admitted";
    /** A presenter denied someone in the lobby. */
    public static final String PARTICIPANT_DENIED = "participant.denied";
    /** A participant entered the meeting. */
    public static final String PARTICIPANT_JOINED = "participant.joined";
    /** A participant left the meeting, or was removed. */
    public static final String PARTICIPANT_LEFT = "participant.left";

    public WebhookEvent {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
        Objects.requireNonNull(data, "data == null");
    }
}
