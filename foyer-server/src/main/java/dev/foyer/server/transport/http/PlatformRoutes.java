package dev.foyer.server.transport.http;

import dev.foyer.server.app.AppId;
import dev.foyer.server.app.Application;
import dev.foyer.server.app.ApplicationService;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.join.JoinTokenService;
import dev.foyer.server.join.JoinTokenService.GuestTokenRequest;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingService;
import dev.foyer.server.meeting.Organizer;
import dev.foyer.server.token.AccessClaims;
import dev.foyer.server.token.TokenVerifier;
import dev.foyer.server.web.PublicUrls;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/** The Platform (Trusted Application) API: what a business back-end calls with its access token. */
final class PlatformRoutes {
    static final String BASE = "/platformservice/v1/applications/{appId}";

    private final TokenVerifier verifier;
    private final ApplicationService apps;
    private final MeetingService meetings;
    private final JoinTokenService joinTokens;
    private final PublicUrls urls;
    private final Bodies bodies;
    private final Clock clock;

    PlatformRoutes(TokenVerifier verifier, ApplicationService apps, MeetingService meetings,
            JoinTokenService joinTokens, PublicUrls urls, Bodies bodies, Clock clock) {
        this.verifier = verifier;
        this.apps = apps;
        this.meetings = meetings;
        this.joinTokens = joinTokens;
        this.urls = urls;
        this.bodies = bodies;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(BASE + "/adhocMeetings", this::create),
                ApiRoute.get(BASE + "/adhocMeetings", this::list),
                ApiRoute.get(BASE + "/adhocMeetings/{onlineMeetingId}", this::get),
                ApiRoute.delete(BASE + "/adhocMeetings/{onlineMeetingId}", this::end),
                ApiRoute.post(BASE + "/anonApplicationTokens", this::anonToken),
                ApiRoute.post(BASE + "/adhocMeetings/{onlineMeetingId}/userTokens", this::userToken));
    }

    private void create(Context ctx) {
        Application app = caller(ctx);
        Requests.MeetingBody body = bodies.json(ctx, Requests.MeetingBody.class, null);
        if (body.startTime() != null || body.endTime() != null || body.attendees() != null) {
            throw FoyerException.invalidField("body",
                    "ad hoc meetings have no startTime, endTime or attendees; schedule with the User API");
        }
        Meeting m = meetings.create(JoinTokenService.organizerOf(app), body.toSpec());
        ctx.status(201).header("Location", ctx.path() + "/" + m.id()).json(view(m, false));
    }

    private void list(Context ctx) {
        Application app = caller(ctx);
        Paging paging = Paging.of(ctx);
        List<Meeting> rows = meetings.list(JoinTokenService.organizerOf(app), paging.offset(), paging.limit() + 1);
        ctx.json(paging.page(rows, m -> view(m, false)));
    }

    private void get(Context ctx) {
        Application app = caller(ctx);
        Meeting m = meetings.getOwned(JoinTokenService.organizerOf(app), meetingId(ctx));
        ctx.json(view(m, true));
    }

    private void end(Context ctx) {
        Application app = caller(ctx);
        meetings.end(JoinTokenService.organizerOf(app), meetingId(ctx), "ended by the application");
        ctx.status(204);
    }

    private void anonToken(Context ctx) {
        Application app = caller(ctx);
        Requests.AnonTokenBody body = bodies.json(ctx, Requests.AnonTokenBody.class, null);
        GuestTokenRequest request = new GuestTokenRequest(body.applicationSessionId(), body.origins(),
                body.meetingUrl(), body.expiresInMinutes());
        Minted.answer(ctx, joinTokens.forApplicationGuest(app, request));
    }

    private void userToken(Context ctx) {
        Application app = caller(ctx);
        Requests.UserTokenBody body = bodies.json(ctx, Requests.UserTokenBody.class, null);
        Minted.answer(ctx, joinTokens.forStaff(app, meetingId(ctx), body.userId(), body.displayName(), body.role()));
    }

    /** The application the access token authenticates; it may act only under its own id. */
    Application caller(Context ctx) {
        AccessClaims claims = verifier.verifyAccess(Bearer.of(ctx));
        Application app = apps.find(claims.appId()).orElseThrow(
                () -> new FoyerException(ErrorCode.UNAUTHENTICATED, "the application no longer exists"));
        String pathId = ctx.pathParam("appId");
        if (!pathId.equals(app.id().value())) {
            AppId.parse(pathId);
            throw FoyerException.forbidden("the access token belongs to another application");
        }
        return app;
    }

    private MeetingView view(Meeting m, boolean withCounts) {
        return MeetingView.of(m, urls, clock.instant(), withCounts ? meetings.liveCounts(m.id()) : null);
    }

    private static MeetingId meetingId(Context ctx) {
        return MeetingId.parse(ctx.pathParam("onlineMeetingId"));
    }

    static Organizer organizer(Application app) {
        return JoinTokenService.organizerOf(app);
    }
}
