package dev.foyer.server.transport.http;

import dev.foyer.server.invite.InviteCalendar;
import dev.foyer.server.join.JoinTokenService;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingService;
import dev.foyer.server.user.User;
import dev.foyer.server.user.UserService;
import dev.foyer.server.web.PublicUrls;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** The User API: staff schedule their own meetings with a personal access token. */
final class UserApiRoutes {
    static final String BASE = "/api/v1/me/onlineMeetings";

    private final UserService users;
    private final MeetingService meetings;
    private final JoinTokenService joinTokens;
    private final PublicUrls urls;
    private final Bodies bodies;
    private final Clock clock;

    UserApiRoutes(UserService users, MeetingService meetings, JoinTokenService joinTokens, PublicUrls urls,
            Bodies bodies, Clock clock) {
        this.users = users;
        this.meetings = meetings;
        this.joinTokens = joinTokens;
        this.urls = urls;
        this.bodies = bodies;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(BASE, this::create),
                ApiRoute.get(BASE, this::list),
                ApiRoute.get(BASE + "/{onlineMeetingId}", this::get),
                ApiRoute.put(BASE + "/{onlineMeetingId}", this::update),
                ApiRoute.delete(BASE + "/{onlineMeetingId}", this::delete),
                ApiRoute.post(BASE + "/{onlineMeetingId}/joinToken", this::joinToken),
                ApiRoute.get(BASE + "/{onlineMeetingId}/invite.ics", this::invite));
    }

    private void create(Context ctx) {
        User user = caller(ctx);
        Requests.MeetingBody body = bodies.json(ctx, Requests.MeetingBody.class, null);
        Meeting m = meetings.create(JoinTokenService.organizerOf(user), body.toSpec());
        ctx.status(201).header("Location", BASE + "/" + m.id()).json(view(m, false));
    }

    private void list(Context ctx) {
        User user = caller(ctx);
        Paging paging = Paging.of(ctx);
        List<Meeting> rows = meetings.list(JoinTokenService.organizerOf(user), paging.offset(), paging.limit() + 1);
        ctx.json(paging.page(rows, m -> view(m, false)));
    }

    private void get(Context ctx) {
        User user = caller(ctx);
        ctx.json(view(meetings.getOwned(JoinTokenService.organizerOf(user), meetingId(ctx)), true));
    }

    private void update(Context ctx) {
        User user = caller(ctx);
        Requests.MeetingBody body = bodies.json(ctx, Requests.MeetingBody.class, null);
        ctx.json(view(meetings.update(JoinTokenService.organizerOf(user), meetingId(ctx), body.toSpec()), false));
    }

    private void delete(Context ctx) {
        User user = caller(ctx);
        meetings.delete(JoinTokenService.organizerOf(user), meetingId(ctx));
        ctx.status(204);
    }

    private void joinToken(Context ctx) {
        User user = caller(ctx);
        Minted.answer(ctx, joinTokens.forOrganizer(user, meetingId(ctx)));
    }

    private void invite(Context ctx) {
        User user = caller(ctx);
        Meeting m = meetings.getOwned(JoinTokenService.organizerOf(user), meetingId(ctx));
        String host = URI.create(urls.base()).getHost();
        String ics = InviteCalendar.render(m, urls.joinUrl(m), user.userName(), host);
        ctx.header("Content-Disposition", "attachment; filename=\"meeting-" + m.id() + ".ics\"");
        ctx.contentType("text/calendar; charset=utf-8").result(ics);
    }

    private User caller(Context ctx) {
        return users.authenticate(Bearer.of(ctx));
    }

    private MeetingView view(Meeting m, boolean withCounts) {
        return MeetingView.of(m, urls, clock.instant(), withCounts ? meetings.liveCounts(m.id()) : null);
    }

    private static MeetingId meetingId(Context ctx) {
        return MeetingId.parse(ctx.pathParam("onlineMeetingId"));
    }
}
