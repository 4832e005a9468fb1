package dev.foyer.server.store;

import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.token.IssuedToken;
import java.time.Instant;
import java.util.Optional;

/** Every join token Foyer mints, so that it can be revoked, consumed once, and audited. */
public interface IssuedTokenStore {
    void insert(IssuedToken token);

    Optional<IssuedToken> find(String jti);

    /** Revokes one token; false when it does not exist or was already revoked. */
    boolean revoke(String jti, Instant at);

    /** Revokes every token bound to the meeting; returns how many were revoked now. */
    int revokeAllForMeeting(MeetingId meetingId, Instant at);

    /**
     * Marks a single-use token consumed, atomically: true only for the first caller, and only
     * while it is neither consumed nor revoked.
     */
    boolean consume(String jti, Instant at);

    /**
     * {@link #consume} only if the token's recorded {@link dev.foyer.server.token.TokenDigest}
     * equals {@code tokenDigest}: one statement both proves a presented token is the very string
     * issued and uses it up. False when there is no such record, its digest differs or is
     * missing, or the token is consumed or revoked; nothing changes then.
     */
    boolean consumeRecorded(String jti, String tokenDigest, Instant at);

    /** Deletes tokens that expired before {@code before}; returns how many. */
    int deleteExpired(Instant before);
}
