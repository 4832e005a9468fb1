package dev.foyer.server.webhook;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.app.Application;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.meeting.LiveMeetings;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.store.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an application can see and do about its events: its meetings' ordered event feeds, the
 * deliveries of its webhooks, redelivery, and the lobby of a live meeting.
 */
public final class WebhookService {
    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(5);

    private final WebhookStore store;
    private final LiveMeetings live;
    private final Clock clock;
    private final Runnable nudge;

    public WebhookService(WebhookStore store, LiveMeetings live, Clock clock, Runnable nudge) {
        this.store = store;
        this.live = live;
        this.clock = clock;
        this.nudge = nudge;
    }

    /**
     * A page of the meeting's events after {@code afterSeq}. When events after {@code afterSeq}
     * may have been pruned, the page carries a snapshot of the live roster and lobby.
     */
    public Feed feed(Meeting meeting, long afterSeq, int limit) {
        List<WebhookEvent> events = store.feed(meeting.id(), afterSeq, limit + 1);
        boolean more = events.size() > limit;
        List<WebhookEvent> page = more ? events.subList(0, limit) : events;
        LiveMeetings.LiveState snapshot = missedPruned(meeting, afterSeq) ? await(live.state(meeting.id())) : null;
        return new Feed(page, more, snapshot);
    }

    /**
     * Events are pruned oldest first, whole transactions at a time. The feed is complete when the
     * meeting's first event ({@code meeting.created}, seq 0) is still kept; otherwise anything
     * before the oldest kept event may be gone, and a caller who has seen less than that missed it.
     */
    private boolean missedPruned(Meeting meeting, long afterSeq) {
        Optional<WebhookEvent> oldest = store.oldest(meeting.id());
        if (oldest.isPresent() && oldest.get().type() == EventType.MEETING_CREATED) {
            return false;
        }
        return oldest.isEmpty() || afterSeq < oldest.get().seq() - 1;
    }

    /** Events in order, whether more follow, and the live state when events were pruned (else null). */
    public record Feed(List<WebhookEvent> events, boolean more, LiveMeetings.LiveState snapshot) {}

    public List<WebhookEvent> deliveries(Application app, DeliveryStatus status, int offset, int limit) {
        return store.listByApp(app.id(), status, offset, limit);
    }

    /** Sends the event again from now, with a fresh retry horizon, whatever became of it. */
    public WebhookEvent redeliver(Application app, String eventId) {
        DeliveryStatus status = app.callbackUrl() == null ? DeliveryStatus.NO_CALLBACK : DeliveryStatus.PENDING;
        if (!store.redeliver(app.id(), eventId, status, clock.instant())) {
            throw FoyerException.notFound("webhook event " + eventId);
        }
        WebhookEvent queued = store.find(app.id(), eventId)
                .orElseThrow(() -> FoyerException.notFound("webhook event " + eventId));
        nudge.run();
        return queued;
    }

    public LiveMeetings.LiveState liveState(Meeting meeting) {
        return await(live.state(meeting.id()));
    }

    /** Admits or denies a lobby guest for the application: unknown participant 404, not waiting or not live 409. */
    public void decide(Meeting meeting, String participantId, boolean admit, String reason) {
        LiveMeetings.LobbyOutcome outcome = await(live.decide(meeting.id(), participantId, admit, reason));
        switch (outcome) {
            case DONE -> { }
            case UNKNOWN_PARTICIPANT -> throw new FoyerException(ErrorCode.UNKNOWN_PARTICIPANT,
                    "no such participant in the meeting");
            case NOT_WAITING -> throw new FoyerException(ErrorCode.CONFLICT,
                    "the participant is not waiting in the lobby");
            case NOT_LIVE -> throw new FoyerException(ErrorCode.CONFLICT, "nobody is in the meeting");
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(LIVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FoyerException(ErrorCode.UNAVAILABLE, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new FoyerException(ErrorCode.UNAVAILABLE, "the live meeting did not answer in time");
        }
    }
}
