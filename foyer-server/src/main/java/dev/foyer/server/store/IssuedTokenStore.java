package dev.foyer.server.store;

import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.token.IssuedToken;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Every join token Foyer mints, so that it can be revoked, consumed once, and audited. */
public interface IssuedTokenStore {
    void insert(IssuedToken token);

    /** {@link #insert} for each token, in one transaction: all are recorded, or none. */
    void insertAll(List<IssuedToken> tokens);

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

    /** A token as presented: its id and the {@link dev.foyer.server.token.TokenDigest} of the string. */
    record Presented(String jti, String tokenDigest) {
        public Presented {
            Objects.requireNonNull(jti, "jti == null");
            Objects.requireNonNull(tokenDigest, "tokenDigest == null");
        }
    }

    /**
     * {@link #consume} for each presented token, in order and in one transaction, but only where
     * the token's recorded {@link dev.foyer.server.token.TokenDigest} equals the presented one:
     * one statement both proves a presented token is the very string issued and uses it up.
     * Element {@code i} of the result is true when {@code presented.get(i)} was used up now; it
     * is false when there is no such record, its digest differs or is missing, or the token was
     * consumed (by an earlier element too) or revoked, and nothing changes for it then.
     */
    boolean[] consumeRecorded(List<Presented> presented, Instant at);

    /**
     * Deletes the records of tokens that expired before {@code before}, in chunks of a transaction
     * each; returns how many.
     */
    int deleteExpired(Instant before);
}
