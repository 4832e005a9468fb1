package dev.foyer.server.transport.http;

import dev.foyer.server.join.JoinTokenService;
import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingService;
import dev.foyer.server.ratelimit.RateLimiter;
import dev.foyer.server.web.Origins;
import dev.foyer.server.web.PublicUrls;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The meeting URL: a page for browsers, a JSON description for the SDK (content negotiation), and
 * the credential-free anonymous token for meetings whose access level is Everyone.
 */
final class MeetingUrlRoutes {
    static final String PATH = "/meet/{organizer}/{onlineMeetingId}";

    private final MeetingService meetings;
    private final JoinTokenService joinTokens;
    private final RateLimiter anonymousTokenLimiter;
    private final PublicUrls urls;
    private final Clock clock;

    MeetingUrlRoutes(MeetingService meetings, JoinTokenService joinTokens, RateLimiter anonymousTokenLimiter,
            PublicUrls urls, Clock clock) {
        this.meetings = meetings;
        this.joinTokens = joinTokens;
        this.anonymousTokenLimiter = anonymousTokenLimiter;
        this.urls = urls;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get(PATH, this::describe),
                new ApiRoute(HandlerType.OPTIONS, PATH, Cors::preflight),
                ApiRoute.post(PATH + "/anonymousToken", this::anonymousToken),
                new ApiRoute(HandlerType.OPTIONS, PATH + "/anonymousToken", Cors::preflight));
    }

    private void describe(Context ctx) {
        cors(ctx);
        Meeting m = meeting(ctx);
        if (wantsHtml(ctx)) {
            JoinPage.send(ctx, m, urls.joinUrl(m), urls.origin());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        boolean anonymous = m.policy().accessLevel() == AccessLevel.Everyone && !m.isOver(clock.instant());
        body.put("joinUrl", urls.joinUrl(m));
        body.put("subject", m.subject());
        body.put("organizer", m.organizer().urlName());
        body.put("accessLevel", m.policy().accessLevel());
        body.put("state", m.endedAt() != null ? "ended" : m.isOver(clock.instant()) ? "expired" : "active");
        body.put("anonymousJoin", anonymous);
        if (anonymous) {
            body.put("anonymousTokenUri", urls.anonymousTokenUri(m));
        }
        ctx.header("Vary", "Accept, Origin").json(body);
    }

    private void anonymousToken(Context ctx) {
        cors(ctx);
        ctx.header("Cache-Control", "no-store");
        anonymousTokenLimiter.acquire(ctx.ip());
        Meeting m = meeting(ctx);
        Minted.answer(ctx, joinTokens.forLinkHolder(m, bindingOrigin(ctx.header("Origin"))));
    }

    /**
     * The origin a link token is bound to: the calling page's, except for this server's own join
     * page, whose token is left unbound. An unbound token already works from this origin (and from
     * native apps, which can ask for one anyway), and the page's own same-origin GET to
     * {@code /discover} carries no Origin header, which a bound token would refuse.
     */
    private String bindingOrigin(String header) {
        if (header == null) {
            return null;
        }
        String origin = Origins.parse("Origin", header);
        return origin.equalsIgnoreCase(urls.origin()) ? null : origin;
    }

    private Meeting meeting(Context ctx) {
        return meetings.findByUrl(ctx.pathParam("organizer"), MeetingId.parse(ctx.pathParam("onlineMeetingId")));
    }

    /**
     * A public meeting link may be used from any site. The token it gives a browser is bound to
     * that browser's origin, so it cannot be replayed from another site.
     */
    private static void cors(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null) {
            Cors.allow(ctx, origin);
        }
    }

    private static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        int html = a.indexOf("text/html");
        int json = a.indexOf("application/json");
        return html >= 0 && (json < 0 || html < json);
    }
}
