package dev.foyer.server.webhook;

import dev.foyer.server.app.AppId;
import dev.foyer.server.meeting.MeetingId;
import java.time.Instant;
import java.util.Objects;

/**
 * One event of an application's meeting as the outbox holds it: what happened and the state of its
 * delivery.
 *
 * @param id the event id ({@code evt_…}); receivers deduplicate by it
 * @param seq the meeting's sequence number of the live event that caused it (0 for
 *     {@code meeting.created}); events caused by one live event share it
 * @param payload the exact JSON body POSTed to the callback, serialized once at creation
 * @param nextAttemptAt when a pending event is due (pushed out by a lease while it is attempted)
 * @param retrySince start of the retry horizon: creation, or the last manual redelivery
 * @param lastStatus the HTTP status of the last attempt, or null when it got none
 */
public record WebhookEvent(
        String id,
        AppId appId,
        MeetingId meetingId,
        EventType type,
        long seq,
        String payload,
        Instant createdAt,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        Instant retrySince,
        String lastError,
        Integer lastStatus,
        Instant deliveredAt) {

    public WebhookEvent {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(appId, "appId == null");
        Objects.requireNonNull(meetingId, "meetingId == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(payload, "payload == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt == null");
        Objects.requireNonNull(retrySince, "retrySince == null");
    }

    /** A new event, due at once unless {@code status} says it is never sent. */
    public static WebhookEvent newEvent(String id, AppId appId, MeetingId meetingId, EventType type, long seq,
            String payload, Instant at, DeliveryStatus status) {
        return new WebhookEvent(id, appId, meetingId, type, seq, payload, at, status, 0, at, at, null, null, null);
    }
}
