package dev.foyer.server.live;

import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.AutomaticLeaderAssignment;
import dev.foyer.server.meeting.LobbyBypass;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingPolicy;
import dev.foyer.server.meeting.Organizer;
import dev.foyer.server.token.JoinClaims;
import dev.foyer.server.token.TokenKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Meetings, tokens and a recorder of effects for the live domain's tests. */
final class LiveFixtures {
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final AtomicInteger TOKENS = new AtomicInteger();

    private LiveFixtures() {}

    static Meeting meeting(AccessLevel access, LobbyBypass bypass, AutomaticLeaderAssignment auto,
            List<String> attendees, List<String> leaders) {
        return new Meeting(new MeetingId("0123456789ABC"), new Organizer(Organizer.Kind.APPLICATION,
                "app_0000000000000000", "app_0000000000000000"), "Advice", null,
                new MeetingPolicy(access, bypass, auto), attendees, leaders, null, null,
                T0.plus(Duration.ofHours(8)), T0, null, null);
    }

    static Meeting defaultMeeting() {
        return meeting(AccessLevel.Everyone, LobbyBypass.Leaders, AutomaticLeaderAssignment.Disabled, List.of(),
                List.of());
    }

    static JoinClaims guestClaims(String sessionId, String appId) {
        return new JoinClaims("jti-" + TOKENS.incrementAndGet(), TokenKind.GUEST, new MeetingId("0123456789ABC"),
                "guest:" + sessionId, appId, sessionId, null, null, List.of(), T0, T0.plus(Duration.ofHours(1)));
    }

    static JoinClaims staffClaims(String userId, String role) {
        return new JoinClaims("jti-" + TOKENS.incrementAndGet(), TokenKind.STAFF, new MeetingId("0123456789ABC"),
                "staff:" + userId, "app_0000000000000000", null, userId, role, List.of(), T0,
                T0.plus(Duration.ofHours(1)));
    }

    static JoinClaims organizerClaims() {
        return new JoinClaims("jti-" + TOKENS.incrementAndGet(), TokenKind.ORGANIZER, new MeetingId("0123456789ABC"),
                "user:usr_1", null, null, "Olga", "presenter", List.of(), T0, T0.plus(Duration.ofHours(1)));
    }

    static Entrant entrant(JoinClaims claims, Meeting meeting, String name) {
        return new Entrant(claims.subject(), claims.jti(), name, Admission.decide(claims, meeting),
                claims.expiresAt());
    }

    /** Effects sorted by recipient, plus the other effects in order. */
    static final class Recorder {
        final Map<String, List<Outbound>> inbox = new LinkedHashMap<>();
        final List<Effect> other = new ArrayList<>();

        Recorder take(LiveMeeting meeting) {
            for (Effect e : meeting.drainEffects()) {
                if (e instanceof Effect.Deliver d) {
                    for (String r : d.recipients()) {
                        inbox.computeIfAbsent(r, k -> new ArrayList<>()).add(d.message());
                    }
                } else {
                    other.add(e);
                }
            }
            return this;
        }

        List<Outbound> of(String participantId) {
            return inbox.getOrDefault(participantId, List.of());
        }

        <T extends Outbound> List<T> of(String participantId, Class<T> type) {
            return of(participantId).stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends Effect> List<T> effects(Class<T> type) {
            return other.stream().filter(type::isInstance).map(type::cast).toList();
        }

        void clear() {
            inbox.clear();
            other.clear();
        }
    }

    static java.util.function.Supplier<String> ids() {
        AtomicInteger n = new AtomicInteger();
        return () -> "id" + n.incrementAndGet();
    }
}
