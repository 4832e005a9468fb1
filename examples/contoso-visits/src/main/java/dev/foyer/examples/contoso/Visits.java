package dev.foyer.examples.contoso;

import dev.foyer.platform.AccessLevel;
import dev.foyer.platform.AdhocMeetingRequest;
import dev.foyer.platform.AnonymousTokenRequest;
import dev.foyer.platform.FoyerApiException;
import dev.foyer.platform.FoyerPlatformClient;
import dev.foyer.platform.JoinTicket;
import dev.foyer.platform.LobbyBypass;
import dev.foyer.platform.Meeting;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visit desk: turns a signed-in visitor's "talk to an advisor" into a Foyer meeting and a
 * guest token. Only ever called for a visitor the app has verified.
 *
 * <p>Each visit has its own random id, which is the token's {@code applicationSessionId}: Foyer
 * and the advisors see it, so it is not the login cookie. A visitor with an open visit gets a fresh
 * token for the same meeting and the same id, and Foyer treats the new join as a takeover of the
 * same participant (a second tab, a reload), not as a second guest.
 */
final class Visits {
    private static final Logger log = LoggerFactory.getLogger(Visits.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration MEETING_LIFETIME = Duration.ofHours(2);
    static final int TOKEN_MINUTES = 30;

    /** An open visit: one visitor, one meeting. */
    record Visit(String id, Account visitor, String onlineMeetingId, String joinUrl) {}

    /** What the visitor's page needs to join. */
    record Ticket(String joinUrl, String token, String discoverUri) {}

    private final FoyerPlatformClient foyer;
    private final String origin;
    private final Clock clock;
    private final Map<String, Visit> byVisitor = new ConcurrentHashMap<>();
    private final Map<String, Visit> byId = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** @param origin the app's own origin: tokens work only from its pages */
    Visits(FoyerPlatformClient foyer, String origin, Clock clock) {
        this.foyer = foyer;
        this.origin = origin;
        this.clock = clock;
    }

    /** Opens a visit for {@code visitor} (or reuses the open one) and mints a token for it. */
    Ticket open(Account visitor) {
        synchronized (locks.computeIfAbsent(visitor.username(), k -> new Object())) {
            Visit visit = byVisitor.get(visitor.username());
            if (visit != null) {
                try {
                    return mint(visit);
                } catch (FoyerApiException e) {
                    if (e.status() != 404 && e.status() != 410) {
                        throw e;
                    }
                    close(visit); // ended or expired meanwhile: start a new one
                }
            }
            visit = create(visitor);
            return mint(visit);
        }
    }

    private Visit create(Account visitor) {
        Meeting meeting = foyer.createAdhocMeeting(AdhocMeetingRequest.builder("Contoso advisor visit")
                .accessLevel(AccessLevel.INVITED)
                .lobbyBypass(LobbyBypass.LEADERS) // every guest waits until an advisor lets them in
                .expirationTime(clock.instant().plus(MEETING_LIFETIME))
                .build());
        Visit visit = new Visit("visit-" + HexFormat.of().formatHex(randomBytes()), visitor,
                meeting.onlineMeetingId(), meeting.joinUrl());
        byVisitor.put(visitor.username(), visit);
        byId.put(visit.id(), visit);
        log.info("visit opened visit={} visitor={} meeting={}", visit.id(), visitor.username(), visit.onlineMeetingId());
        return visit;
    }

    private Ticket mint(Visit visit) {
        JoinTicket ticket = foyer.createAnonymousToken(AnonymousTokenRequest.builder()
                .applicationSessionId(visit.id())
                .meetingUrl(visit.joinUrl())
                .allowedOrigins(List.of(origin))
                .expiresInMinutes(TOKEN_MINUTES)
                .build());
        return new Ticket(visit.joinUrl(), ticket.token(), ticket.discoverUri());
    }

    /** The open visit whose token carries {@code applicationSessionId}. */
    Optional<Visit> byApplicationSession(String applicationSessionId) {
        return applicationSessionId == null ? Optional.empty() : Optional.ofNullable(byId.get(applicationSessionId));
    }

    /** Forgets the visits of a meeting that ended; the visitor's next request opens a new one. */
    void meetingEnded(String onlineMeetingId) {
        byId.values().stream().filter(v -> v.onlineMeetingId().equals(onlineMeetingId)).toList().forEach(this::close);
    }

    private void close(Visit visit) {
        byVisitor.remove(visit.visitor().username(), visit);
        byId.remove(visit.id(), visit);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }
}
