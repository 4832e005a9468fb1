package dev.foyer.platform;

import java.time.Instant;

/**
 * Remembers the ids of webhook events already accepted, so {@link WebhookVerifier} can refuse a
 * replayed request ({@link WebhookVerificationException.Reason#REPLAYED}).
 *
 * <p>{@link InMemorySeenEventStore} serves one receiver process. Receivers behind a load balancer
 * need a shared store, for example Redis: {@code SET foyer:webhook:<id> 1 NX PXAT <expiresAt>}
 * returns whether the id was new.
 *
 * <p>Implementations must be safe for concurrent use, and {@link #markSeen} must be atomic: two
 * concurrent deliveries of one event must not both be told it is new.
 */
public interface SeenEventStore {

    /**
     * Records that the event was accepted, remembering it until {@code expiresAt}.
     *
     * @param now the verifier's current time, for stores that keep time themselves
     * @return true if the id was new (or its record had expired), false if it was seen before
     */
    boolean markSeen(String eventId, Instant now, Instant expiresAt);

    /**
     * Forgets an event id, so a redelivery of the event is accepted. Call it when handling the
     * event failed and you answer with an error, so that Foyer's retry is not refused as a replay.
     */
    void forget(String eventId);
}
