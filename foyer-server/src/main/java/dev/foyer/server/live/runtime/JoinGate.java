package dev.foyer.server.live.runtime;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.protocol.Protocol;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.live.Admission;
import dev.foyer.server.live.Command;
import dev.foyer.server.live.Entrant;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.store.MeetingStore;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.JoinClaims;
import dev.foyer.server.token.TokenDigest;
import dev.foyer.server.token.TokenVerifier;
import dev.foyer.server.web.OriginPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/**
 * Checks a {@code join} before anyone is disturbed: the token (expiry, audience, kind, key, bound
 * to this very meeting), the connection's Origin, the meeting (open) and its policy, and the
 * display name. Only then is the token proven genuine and consumed, in one conditional update
 * that finds it recorded with the digest of the presented string, neither used nor revoked: a
 * join token works once, and a join reads its record only to explain a refusal. Joins arriving
 * together share that update's transaction ({@link TokenConsumer}). Any failure is a
 * {@link FoyerException} for the joiner alone.
 *
 * <p>The checks before the update read claims not yet proven genuine; they can only refuse. What
 * the update accepts is the exact string this server signed and recorded. A string it does not
 * accept whose record has another digest (or none) is verified in full, signature included,
 * before it may be consumed by its {@code jti} alone.
 */
public final class JoinGate implements AutoCloseable {
    private final TokenVerifier verifier;
    private final IssuedTokenStore issued;
    private final MeetingStore meetings;
    private final String serverOrigin;
    private final Clock clock;
    private final TokenConsumer consumer;

    public JoinGate(TokenVerifier verifier, IssuedTokenStore issued, MeetingStore meetings, String serverOrigin,
            Clock clock, MeterRegistry registry) {
        this.verifier = verifier;
        this.issued = issued;
        this.consumer = new TokenConsumer(issued, clock, registry);
        this.meetings = meetings;
        this.serverOrigin = serverOrigin;
        this.clock = clock;
    }

    /** Who may enter, with the origins their token allows (checked again on resume). */
    public record Admitted(Entrant entrant, List<String> allowedOrigins) {}

    public Admitted check(Command.Join join, MeetingId meetingId, String origin) {
        if (join.version() != Protocol.VERSION) {
            throw new FoyerException(ErrorCode.UNSUPPORTED_VERSION, "this server speaks protocol version "
                    + Protocol.VERSION);
        }
        TokenVerifier.PresentedJoin presented = verifier.presentJoin(join.token());
        JoinClaims claims = presented.claims();
        if (!claims.meetingId().equals(meetingId)) {
            throw new FoyerException(ErrorCode.INVALID_TOKEN, "the token is for another meeting");
        }
        OriginPolicy.check(claims.allowedOrigins(), origin, serverOrigin);
        Meeting meeting = meetings.find(meetingId).orElseThrow(FoyerException::meetingNotFound);
        if (meeting.isOver(clock.instant())) {
            throw new FoyerException(ErrorCode.MEETING_ENDED, "the meeting has ended");
        }
        Admission.Decision decision = Admission.decide(claims, meeting);
        String name = claims.displayName() != null && !decision.guest() ? claims.displayName()
                : displayName(join.displayName());
        consume(join.token(), presented);
        return new Admitted(new Entrant(claims.subject(), claims.jti(), name, decision, claims.expiresAt()),
                claims.allowedOrigins());
    }

    /** Proves the token genuine and uses it up, or says why not. */
    private void consume(String token, TokenVerifier.PresentedJoin presented) {
        String jti = presented.claims().jti();
        if (consumer.consumeRecorded(jti, presented.digest())) {
            return;
        }
        IssuedToken record = issued.find(jti).orElseThrow(
                () -> new FoyerException(ErrorCode.INVALID_TOKEN, "this server did not issue that token"));
        if (!TokenDigest.matches(record.tokenDigest(), presented.digest())) {
            // Not the string recorded: genuine only if its signature says so (this throws if not).
            verifier.verifyJoin(token);
            if (issued.consume(jti, clock.instant())) {
                return;
            }
        }
        if (record.revokedAt() != null) {
            throw new FoyerException(ErrorCode.TOKEN_REVOKED, "the token was revoked");
        }
        throw new FoyerException(ErrorCode.TOKEN_REVOKED, "the token was already used; get a new one");
    }

    /** Refuses later joins as {@code unavailable}; joins already waiting for their token go on. */
    @Override
    public void close() {
        consumer.close();
    }

    /** Trimmed, 1 to 64 characters, no control characters. */
    static String displayName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > 64) {
            throw FoyerException.invalidField("displayName", "1 to 64 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw FoyerException.invalidField("displayName", "must not contain control characters");
            }
        }
        return name;
    }
}
