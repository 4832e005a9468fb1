package dev.foyer.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.app.Application;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.join.JoinTokenService;
import dev.foyer.server.meeting.LiveMeetings;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingService;
import dev.foyer.server.webhook.DeliveryStatus;
import dev.foyer.server.webhook.WebhookEvent;
import dev.foyer.server.webhook.WebhookService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The Platform API's view of a meeting's life: the lobby run by the back-end, the ordered event
 * feed, and the deliveries of the application's webhooks.
 */
final class WebhookRoutes {
    private static final String MEETING = PlatformRoutes.BASE + "/adhocMeetings/{onlineMeetingId}";
    private static final String DELIVERIES = PlatformRoutes.BASE + "/webhookDeliveries";
    private static final int MAX_DENY_REASON = 200;

    private final Function<Context, Application> caller;
    private final MeetingService meetings;
    private final WebhookService webhooks;
    private final Bodies bodies;
    private final ObjectMapper json = Json.newMapper();

    WebhookRoutes(Function<Context, Application> caller, MeetingService meetings, WebhookService webhooks,
            Bodies bodies) {
        this.caller = caller;
        this.meetings = meetings;
        this.webhooks = webhooks;
        this.bodies = bodies;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get(MEETING + "/lobby", this::lobby),
                ApiRoute.post(MEETING + "/lobby/{participantId}/admit", ctx -> decide(ctx, true)),
                ApiRoute.post(MEETING + "/lobby/{participantId}/deny", ctx -> decide(ctx, false)),
                ApiRoute.get(MEETING + "/events", this::events),
                ApiRoute.get(DELIVERIES, this::deliveries),
                ApiRoute.post(DELIVERIES + "/{eventId}/redeliver", this::redeliver));
    }

    private void lobby(Context ctx) {
        LiveMeetings.LiveState state = webhooks.liveState(meeting(ctx));
        ctx.json(new LobbyView(state.lobby().stream().map(LobbyGuest::of).toList()));
    }

    private void decide(Context ctx, boolean admit) {
        Meeting m = meeting(ctx);
        String reason = null;
        if (!admit) {
            DenyBody body = bodies.json(ctx, DenyBody.class, new DenyBody(null));
            reason = body.reason();
            if (reason != null && (reason.isBlank() || reason.length() > MAX_DENY_REASON)) {
                throw FoyerException.invalidField("reason", "1 to " + MAX_DENY_REASON + " characters");
            }
        }
        webhooks.decide(m, ctx.pathParam("participantId"), admit, reason);
        ctx.status(204);
    }

    private void events(Context ctx) {
        Meeting m = meeting(ctx);
        // Without "after" the feed starts at the beginning, meeting.created (seq 0) included.
        long after = longParam(ctx, "after", -1);
        int limit = (int) Math.min(longParam(ctx, "limit", 100), 1000);
        if (limit < 1) {
            throw FoyerException.invalidField("limit", "an integer from 1 to 1000");
        }
        WebhookService.Feed feed = webhooks.feed(m, after, limit);
        List<JsonNode> items = feed.events().stream().map(e -> parse(e.payload())).toList();
        long last = feed.events().isEmpty() ? Math.max(after, 0) : feed.events().get(feed.events().size() - 1).seq();
        ctx.json(new FeedView(items, last, feed.more(), feed.snapshot() == null ? null : SnapshotView.of(feed.snapshot())));
    }

    private void deliveries(Context ctx) {
        Application app = caller.apply(ctx);
        Paging paging = Paging.of(ctx);
        String rawStatus = ctx.queryParam("status");
        DeliveryStatus status;
        try {
            status = rawStatus == null ? null : DeliveryStatus.fromWireName(rawStatus);
        } catch (IllegalArgumentException e) {
            throw FoyerException.invalidField("status", "pending, delivered, dead or no_callback");
        }
        List<WebhookEvent> rows = webhooks.deliveries(app, status, paging.offset(), paging.limit() + 1);
        ctx.json(paging.page(rows, DeliveryView::of));
    }

    private void redeliver(Context ctx) {
        Application app = caller.apply(ctx);
        ctx.status(202).json(DeliveryView.of(webhooks.redeliver(app, ctx.pathParam("eventId"))));
    }

    private Meeting meeting(Context ctx) {
        Application app = caller.apply(ctx);
        return meetings.getOwned(JoinTokenService.organizerOf(app),
                MeetingId.parse(ctx.pathParam("onlineMeetingId")));
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long longParam(Context ctx, String name, long fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw FoyerException.invalidField(name, "a non-negative integer");
    }

    /** {@code POST …/deny}: an optional reason the guest is told. */
    record DenyBody(String reason) {}

    record LobbyView(List<LobbyGuest> items) {}

    record LobbyGuest(String participantId, String displayName, String applicationSessionId, Instant waitingSince) {
        static LobbyGuest of(LiveMeetings.Member m) {
            return new LobbyGuest(m.participantId(), m.displayName(), m.applicationSessionId(), m.waitingSince());
        }
    }

    record FeedView(List<JsonNode> items, long lastSeq, boolean more, SnapshotView snapshot) {}

    record SnapshotView(long seq, List<LiveMeetings.Member> participants, List<LiveMeetings.Member> lobby) {
        static SnapshotView of(LiveMeetings.LiveState s) {
            return new SnapshotView(s.seq(), s.roster(), s.lobby());
        }
    }

    record DeliveryView(String eventId, String type, String onlineMeetingId, long seq, String status, int attempts,
            Integer lastStatus, String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
        static DeliveryView of(WebhookEvent e) {
            return new DeliveryView(e.id(), e.type().wireName(), e.meetingId().value(), e.seq(), e.status().wireName(),
                    e.attempts(), e.lastStatus(), e.lastError(), e.createdAt(),
                    e.status() == DeliveryStatus.PENDING ? e.nextAttemptAt() : null, e.deliveredAt());
        }
    }
}
