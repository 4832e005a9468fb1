package dev.foyer.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.app.AppId;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.Organizer;
import dev.foyer.server.secret.Secrets;
import dev.foyer.server.store.Stores;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes webhook events into the outbox. Call the {@code add…} methods inside
 * {@link Stores#inTransaction} together with the change that causes the events, then
 * {@link #committed()} so the dispatcher looks at once instead of at its next poll.
 *
 * <p>Only meetings organized by an application have events. They are stored even when the
 * application has no callback URL (status {@code no_callback}): the meeting's event feed reads them.
 */
public final class WebhookOutbox {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stores stores;
    private final Clock clock;
    private volatile Runnable nudge = () -> {};

    public WebhookOutbox(Stores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    /** An event before it gets its id and envelope. */
    public record Draft(EventType type, long seq, Map<String, Object> data) {}

    /** Called after a commit that added events: wakes the dispatcher. */
    public void onCommit(Runnable nudge) {
        this.nudge = nudge;
    }

    public void committed() {
        nudge.run();
    }

    public void meetingCreated(Meeting m) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subject", m.subject());
        data.put("accessLevel", m.policy().accessLevel().name());
        data.put("lobbyBypass", m.policy().lobbyBypass().name());
        data.put("expirationTime", m.expirationTime().toString());
        add(m, List.of(new Draft(EventType.MEETING_CREATED, 0, data)));
    }

    /** {@code seq}: the live meeting's, or {@link #nextStoredSeq} when it was not live. */
    public void meetingEnded(Meeting m, String reason, long seq) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", reason);
        add(m, List.of(new Draft(EventType.MEETING_ENDED, seq, data)));
    }

    /** One past the highest sequence number the meeting has stored (events or chat). */
    public long nextStoredSeq(Meeting m) {
        return stores.chat().maxSeq(m.id()) + 1;
    }

    /** A live meeting's events of one batch, and when they happened. */
    public record LiveBatch(Meeting meeting, List<Draft> drafts, Instant at) {}

    /**
     * Inserts the drafts as events of {@code m}, created now; nothing when the meeting is not an
     * application's. Returns whether they are to be delivered (the application has a callback
     * URL): only then need {@link #committed()} wake the dispatcher.
     */
    public boolean add(Meeting m, List<Draft> drafts) {
        return addLive(List.of(new LiveBatch(m, drafts, clock.instant())));
    }

    /**
     * Inserts the events of several batches, of any meetings, in one statement, each created at
     * its batch's time; each application is looked up once. Returns whether any is to be
     * delivered.
     */
    public boolean addLive(List<LiveBatch> batches) {
        Map<AppId, Boolean> hasCallback = new HashMap<>();
        List<WebhookEvent> events = new ArrayList<>();
        for (LiveBatch b : batches) {
            Meeting m = b.meeting();
            if (b.drafts().isEmpty() || m.organizer().kind() != Organizer.Kind.APPLICATION) {
                continue;
            }
            AppId appId = new AppId(m.organizer().id());
            boolean callback = hasCallback.computeIfAbsent(appId,
                    id -> stores.applications().find(id).map(a -> a.callbackUrl() != null).orElse(false));
            DeliveryStatus status = callback ? DeliveryStatus.PENDING : DeliveryStatus.NO_CALLBACK;
            Instant at = b.at().truncatedTo(ChronoUnit.MILLIS);
            for (Draft d : b.drafts()) {
                // Time-ordered: the outbox's primary key grows at its end (docs/performance.md, item 28).
                String id = "evt_" + Secrets.timeOrderedBase32(at).toLowerCase(Locale.ROOT);
                events.add(WebhookEvent.newEvent(id, appId, m.id(), d.type(), d.seq(), payload(id, appId, m, d, at),
                        at, status));
            }
        }
        stores.webhooks().insert(events);
        return events.stream().anyMatch(e -> e.status() == DeliveryStatus.PENDING);
    }

    private static String payload(String id, AppId appId, Meeting m, Draft d, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", d.type().wireName());
        body.put("createdAt", now.toString());
        body.put("applicationId", appId.value());
        body.put("onlineMeetingId", m.id().value());
        body.put("seq", d.seq());
        body.put("data", d.data());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
