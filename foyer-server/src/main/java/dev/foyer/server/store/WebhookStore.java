package dev.foyer.server.store;

import dev.foyer.server.app.AppId;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.webhook.DeliveryStatus;
import dev.foyer.server.webhook.WebhookEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook outbox: events of applications' meetings, inserted in the transaction of the change
 * that caused them (see {@link Stores#inTransaction}), then claimed and delivered by the
 * dispatcher. The same rows are each meeting's ordered event feed. Deleted with their meeting or
 * application.
 */
public interface WebhookStore {
    /** Inserts new events; within {@link Stores#inTransaction} they commit with the caller's change. */
    void insert(List<WebhookEvent> events);

    /**
     * Claims up to {@code limit} pending events due at {@code now}: each claimed row's next attempt
     * moves to {@code leaseUntil}, so no other dispatcher claims it meanwhile. Returns the claimed
     * events as they were before the claim.
     */
    List<WebhookEvent> claimDue(Instant now, Instant leaseUntil, int limit);

    /** Records the outcome of an attempt (status, attempts, next attempt, last error and status, delivery time). */
    void recordAttempt(String id, DeliveryStatus status, int attempts, Instant nextAttemptAt, String lastError,
            Integer lastStatus, Instant deliveredAt);

    Optional<WebhookEvent> find(AppId appId, String id);

    /** The application's events, newest first; {@code status} null for all. */
    List<WebhookEvent> listByApp(AppId appId, DeliveryStatus status, int offset, int limit);

    /**
     * Makes the event pending again, due at {@code now}, with a fresh retry horizon from {@code now}
     * and {@code status} (pending, or no_callback when the application has none). False when unknown.
     */
    boolean redeliver(AppId appId, String id, DeliveryStatus status, Instant now);

    /** The meeting's events with {@code seq > afterSeq}, in order (seq, then insertion), at most {@code limit}. */
    List<WebhookEvent> feed(MeetingId meetingId, long afterSeq, int limit);

    /** The meeting's first event still kept, if any. */
    Optional<WebhookEvent> oldest(MeetingId meetingId);

    /** Deletes events created before {@code cutoff} that are no longer pending; returns how many. */
    int deleteFinishedBefore(Instant cutoff);
}
