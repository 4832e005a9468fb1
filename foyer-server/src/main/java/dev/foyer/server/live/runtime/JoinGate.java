package dev.foyer.server.live.runtime;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.protocol.Protocol;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.live.Admission;
import dev.foyer.server.live.Command;
import dev.foyer.server.live.Entrant;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.schedule.IdleThreads;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.store.MeetingStore;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.JoinClaims;
import dev.foyer.server.token.TokenDigest;
import dev.foyer.server.token.TokenVerifier;
import dev.foyer.server.web.OriginPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Checks a {@code join} before anyone is disturbed: the token (expiry, audience, kind, key, bound
 * to this very meeting), the connection's Origin, the meeting (open) and its policy, and the
 * display name. Only then is the token proven genuine and consumed, in one conditional update
 * that finds it recorded with the digest of the presented string, neither used nor revoked: a
 * join token works once, and a join reads its record only to explain a refusal. Joins arriving
 * together share that update's transaction ({@link TokenConsumer}), and none waits for it on its
 * own thread: the checks that refuse at once run on the caller's thread, and the answer comes
 * through a future. Any failure is a {@link FoyerException} for the joiner alone.
 *
 * <p>The checks before the update read claims not yet proven genuine; they can only refuse. What
 * the update accepts is the exact string this server signed and recorded. A string it does not
 * accept whose record has another digest (or none) is verified in full, signature included,
 * before it may be consumed by its {@code jti} alone. That costs a read and a signature check,
 * so it runs on a small pool of its own with a bounded queue, never on the thread that commits
 * tokens for everyone: a flood of forged or reused tokens is refused as {@code unavailable} once
 * the queue is full, and cannot hold up the genuine joins.
 */
public final class JoinGate implements AutoCloseable {
    /** Threads that look into tokens the batch did not accept (forged, reused, revoked, or recorded without digest). */
    static final int CHECK_THREADS = 2;
    /** How many such tokens may wait for those threads before more are refused as {@code unavailable}. */
    static final int CHECK_QUEUE = 256;
    private static final CompletableFuture<Void> USED = CompletableFuture.completedFuture(null);

    private final TokenVerifier verifier;
    private final IssuedTokenStore issued;
    private final MeetingStore meetings;
    private final String serverOrigin;
    private final Clock clock;
    private final TokenConsumer consumer;
    private final ThreadPoolExecutor checks;

    public JoinGate(TokenVerifier verifier, IssuedTokenStore issued, MeetingStore meetings, String serverOrigin,
            Clock clock, MeterRegistry registry) {
        this.verifier = verifier;
        this.issued = issued;
        this.consumer = new TokenConsumer(issued, clock, registry);
        this.meetings = meetings;
        this.serverOrigin = serverOrigin;
        this.clock = clock;
        this.checks = IdleThreads.pool("foyer-join-checks", CHECK_THREADS, new ArrayBlockingQueue<>(CHECK_QUEUE),
                Duration.ofSeconds(10));
    }

    /** Who may enter, with the origins their token allows (checked again on resume). */
    public record Admitted(Entrant entrant, List<String> allowedOrigins) {}

    /**
     * Checks the join and uses up its token.
     *
     * @return who may enter, once the token is used up: on the thread that committed it, or on
     *     one of this gate's own, so what follows must be quick; or, failed, a {@link
     *     FoyerException} (perhaps wrapped in a {@link java.util.concurrent.CompletionException})
     */
    public CompletableFuture<Admitted> check(Command.Join join, MeetingId meetingId, String origin) {
        try {
            if (join.version() != Protocol.VERSION) {
                throw new FoyerException(ErrorCode.UNSUPPORTED_VERSION, "this server speaks protocol version "
                        + Protocol.VERSION);
            }
            TokenVerifier.PresentedJoin presented = verifier.presentJoin(join.token());
            Admitted admitted = admit(join, presented, meetingId, origin);
            return consume(join.token(), presented).thenApply(used -> admitted);
        } catch (FoyerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The checks that refuse at once: all but the token's use. */
    private Admitted admit(Command.Join join, TokenVerifier.PresentedJoin presented, MeetingId meetingId,
            String origin) {
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
        return new Admitted(new Entrant(claims.subject(), claims.jti(), name, decision, claims.expiresAt()),
                claims.allowedOrigins());
    }

    /** Proves the token genuine and uses it up, or says why not. */
    private CompletableFuture<Void> consume(String token, TokenVerifier.PresentedJoin presented) {
        return consumer.consumeRecorded(presented.claims().jti(), presented.digest())
                .thenCompose(used -> used ? USED : onCheckThreads(() -> consumeUnrecorded(token, presented)));
    }

    /** Runs {@code check} on this gate's threads, or refuses it when too many wait already. */
    private CompletableFuture<Void> onCheckThreads(Runnable check) {
        try {
            return CompletableFuture.runAsync(check, checks);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(checks.isShutdown()
                    ? new FoyerException(ErrorCode.UNAVAILABLE, "the server is shutting down")
                    : TokenConsumer.tooBusy());
        }
    }

    /**
     * Uses up a token that the batch did not find recorded with its digest, if it is genuine and
     * unused after all, or says why not. Reads its record and, if need be, checks its signature.
     */
    private void consumeUnrecorded(String token, TokenVerifier.PresentedJoin presented) {
        String jti = presented.claims().jti();
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
        checks.shutdown();
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
