package dev.foyer.server.transport.http;

import dev.foyer.server.discovery.Discovery;
import dev.foyer.server.discovery.DiscoveryService;
import dev.foyer.server.discovery.IceServer;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.web.PublicUrls;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.List;

/** {@code GET /discover} with a join token: where the meeting lives and how to reach it. */
final class DiscoveryRoutes {
    private final DiscoveryService discovery;
    private final PublicUrls urls;

    DiscoveryRoutes(DiscoveryService discovery, PublicUrls urls) {
        this.discovery = discovery;
        this.urls = urls;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/discover", this::discover),
                new ApiRoute(HandlerType.OPTIONS, "/discover", Cors::preflight));
    }

    private void discover(Context ctx) {
        String origin = ctx.header("Origin");
        // Named up front so a browser can read errors too; a success needs the origin to pass the token's policy.
        if (origin != null) {
            Cors.allow(ctx, origin);
        }
        Discovery d = discovery.discover(Bearer.of(ctx), origin);
        Meeting m = d.meeting();
        ctx.header("Cache-Control", "no-store");
        ctx.json(new Body(new MeetingSummary(m.id().value(), urls.joinUrl(m), m.subject(), m.organizer().urlName()),
                d.signalingUrl(), d.iceServers(), d.tokenExpiresAt()));
    }

    record MeetingSummary(String onlineMeetingId, String joinUrl, String subject, String organizer) {}

    record Body(MeetingSummary meeting, String signalingUrl, List<IceServer> iceServers, Instant tokenExpiresAt) {}
}
