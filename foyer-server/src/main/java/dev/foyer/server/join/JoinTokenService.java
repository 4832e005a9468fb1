package dev.foyer.server.join;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.app.Application;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingService;
import dev.foyer.server.meeting.Organizer;
import dev.foyer.server.secret.Secrets;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.JoinTokenRequest;
import dev.foyer.server.token.SignedToken;
import dev.foyer.server.token.TokenDigest;
import dev.foyer.server.token.TokenIssuer;
import dev.foyer.server.token.TokenKind;
import dev.foyer.server.user.User;
import dev.foyer.server.web.PublicUrls;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Mints join tokens — for an application's guests and staff, for an organizer, and for anyone
 * holding the link of an Everyone meeting — and records each, so it can be revoked and used once.
 * A token never outlives its meeting. What is wrong with a request is thrown at once; a token is
 * handed out (its future completes) only once its record is committed.
 */
public final class JoinTokenService {
    private final MeetingService meetings;
    private final TokenIssuer issuer;
    private final TokenRecords records;
    private final PublicUrls urls;
    private final Clock clock;
    private final Duration defaultTtl;
    private final Duration maxTtl;

    public JoinTokenService(MeetingService meetings, TokenIssuer issuer, IssuedTokenStore issued, PublicUrls urls,
            Clock clock, Duration defaultTtl, Duration maxTtl, MeterRegistry registry) {
        this.meetings = meetings;
        this.issuer = issuer;
        this.records = new TokenRecords(issued, registry);
        this.urls = urls;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
    }

    /** An anonymous guest token an application mints for a visitor it has verified. */
    public CompletableFuture<JoinTicket> forApplicationGuest(Application app, GuestTokenRequest request) {
        String sessionId = JoinFields.applicationSessionId(request.applicationSessionId());
        Meeting meeting = meetingOfApplication(app, request.meetingUrl());
        requireOpen(meeting);
        if (meeting.policy().accessLevel() == AccessLevel.Locked) {
            throw new FoyerException(ErrorCode.FORBIDDEN, "the meeting is locked: only its leaders may join");
        }
        Duration ttl = JoinFields.ttl(request.expiresInMinutes(), defaultTtl, maxTtl);
        return mint(meeting, JoinTokenRequest.newBuilder(TokenKind.GUEST, meeting.id(), "guest:" + sessionId)
                .appId(app.id().value())
                .applicationSessionId(sessionId)
                .allowedOrigins(request.allowedOrigins())
                .build(), ttl);
    }

    /** A named staff token (the advisor, the doctor) for an application's meeting. */
    public CompletableFuture<JoinTicket> forStaff(Application app, MeetingId id, String userId, String displayName,
            String role) {
        Meeting meeting = meetings.getOwned(organizerOf(app), id);
        requireOpen(meeting);
        String user = JoinFields.userId(userId);
        String name = JoinFields.displayName(displayName);
        String chosenRole = role == null ? JoinTokenRequest.PRESENTER : role.toLowerCase(Locale.ROOT);
        if (!chosenRole.equals(JoinTokenRequest.PRESENTER) && !chosenRole.equals(JoinTokenRequest.ATTENDEE)) {
            throw FoyerException.invalidField("role", "presenter or attendee");
        }
        return mint(meeting, JoinTokenRequest.newBuilder(TokenKind.STAFF, id, "staff:" + user)
                .appId(app.id().value())
                .displayName(name)
                .role(chosenRole)
                .build(), defaultTtl);
    }

    /** The organizer's own way into a meeting it scheduled. */
    public CompletableFuture<JoinTicket> forOrganizer(User user, MeetingId id) {
        Meeting meeting = meetings.getOwned(organizerOf(user), id);
        requireOpen(meeting);
        return mint(meeting, JoinTokenRequest.newBuilder(TokenKind.ORGANIZER, id, "user:" + user.id())
                .displayName(user.displayName())
                .role(JoinTokenRequest.PRESENTER)
                .build(), defaultTtl);
    }

    /**
     * A token for whoever holds the link of an Everyone meeting. The guest's session id is chosen
     * here, never by the caller, so nobody can take over another guest's place. A browser's token
     * is bound to the origin it asked from; a native app (no origin) gets an unbound one.
     */
    public CompletableFuture<JoinTicket> forLinkHolder(Meeting meeting, String browserOrigin) {
        requireOpen(meeting);
        if (meeting.policy().accessLevel() != AccessLevel.Everyone) {
            throw new FoyerException(ErrorCode.ANONYMOUS_JOIN_NOT_ALLOWED,
                    "this meeting admits invited participants only; ask the organizer for an invitation");
        }
        String sessionId = "link-" + Secrets.randomBase32(16).toLowerCase(Locale.ROOT);
        return mint(meeting, JoinTokenRequest.newBuilder(TokenKind.GUEST, meeting.id(), "guest:" + sessionId)
                .applicationSessionId(sessionId)
                .allowedOrigins(browserOrigin == null ? List.of() : List.of(browserOrigin))
                .build(), defaultTtl);
    }

    public static Organizer organizerOf(Application app) {
        return new Organizer(Organizer.Kind.APPLICATION, app.id().value(), app.id().value());
    }

    public static Organizer organizerOf(User user) {
        return new Organizer(Organizer.Kind.USER, user.id().value(), user.userName());
    }

    private CompletableFuture<JoinTicket> mint(Meeting meeting, JoinTokenRequest request, Duration ttl) {
        Instant now = clock.instant();
        Duration untilMeetingExpires = Duration.between(now, meeting.expirationTime());
        Duration effective = ttl.compareTo(untilMeetingExpires) < 0 ? ttl : untilMeetingExpires;
        SignedToken token = issuer.issueJoin(request, effective);
        JoinTicket ticket = new JoinTicket(token.value(), token.expiresAt(), urls.discoverUri());
        return records.record(new IssuedToken(token.jti(), request.kind(), meeting.id(), request.appId(),
                request.subject(), token.issuedAt(), token.expiresAt(), null, null, TokenDigest.of(token.value())))
                .thenApply(recorded -> ticket);
    }

    private void requireOpen(Meeting meeting) {
        if (meeting.isOver(clock.instant())) {
            throw new FoyerException(ErrorCode.MEETING_ENDED, "the meeting has ended");
        }
    }

    private Meeting meetingOfApplication(Application app, String meetingUrl) {
        MeetingUrl parsed = MeetingUrl.parse(meetingUrl);
        if (!parsed.organizer().equals(app.id().value())) {
            throw FoyerException.meetingNotFound();
        }
        return meetings.getOwned(organizerOf(app), parsed.meetingId());
    }

    /** The fields of an application's guest token request, already shape-checked by the transport. */
    public record GuestTokenRequest(
            String applicationSessionId, List<String> allowedOrigins, String meetingUrl, Integer expiresInMinutes) {
        public GuestTokenRequest {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }
}
