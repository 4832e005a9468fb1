package dev.foyer.server.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.token.IssuedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Remembers the join tokens this process recorded a moment ago. A back-end mints a guest's token
 * as the visitor taps "join", and the visitor's app discovers with it within a second: discovery
 * then finds the record here instead of querying for it, which was 5% of the server's CPU in a
 * join storm (docs/performance.md, item 57).
 *
 * <p>Only records written through this store outside any transaction are remembered (one written
 * in a transaction may yet roll back); what a read returns never is. Every write through this
 * store that changes a record forgets it first: revoked, used up, expired and deleted, its
 * meeting deleted, any application deleted. A change that bypasses this store — another process
 * on the same database revoking a token — shows here within {@link #TTL}; meanwhile discovery
 * may still answer for that token, but its {@code join} is refused all the same, by the
 * statement that uses the token up, which reads the row itself.
 */
final class CachingIssuedTokenStore implements IssuedTokenStore {
    /** How long a recorded token is remembered: its discovery follows its mint within seconds. */
    static final Duration TTL = Duration.ofMinutes(2);
    /** Tokens remembered at most (a few hundred bytes each). */
    static final int SIZE = 32_768;

    private final IssuedTokenStore store;
    private final BooleanSupplier inTransaction;
    // Maintenance on the caller's thread: a mint and a join each touch the cache once, and a
    // hand-over to the common pool for each costs more than the work.
    private final Cache<String, IssuedToken> recent = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(SIZE)
            .executor(Runnable::run).build();

    CachingIssuedTokenStore(IssuedTokenStore store, BooleanSupplier inTransaction) {
        this.store = store;
        this.inTransaction = inTransaction;
    }

    @Override
    public void insert(IssuedToken token) {
        store.insert(token);
        if (!inTransaction.getAsBoolean()) {
            recent.put(token.jti(), token);
        }
    }

    @Override
    public void insertAll(List<IssuedToken> tokens) {
        store.insertAll(tokens);
        if (!inTransaction.getAsBoolean()) {
            for (IssuedToken token : tokens) {
                recent.put(token.jti(), token);
            }
        }
    }

    @Override
    public Optional<IssuedToken> find(String jti) {
        IssuedToken known = recent.getIfPresent(jti);
        return known != null ? Optional.of(known) : store.find(jti);
    }

    @Override
    public boolean revoke(String jti, Instant at) {
        recent.invalidate(jti);
        return store.revoke(jti, at);
    }

    @Override
    public int revokeAllForMeeting(MeetingId meetingId, Instant at) {
        forgetMeeting(meetingId);
        return store.revokeAllForMeeting(meetingId, at);
    }

    @Override
    public boolean consume(String jti, Instant at) {
        recent.invalidate(jti);
        return store.consume(jti, at);
    }

    @Override
    public boolean[] consumeRecorded(List<Presented> presented, Instant at) {
        List<String> jtis = new ArrayList<>(presented.size());
        for (Presented p : presented) {
            jtis.add(p.jti());
        }
        recent.invalidateAll(jtis);
        return store.consumeRecorded(presented, at);
    }

    @Override
    public int deleteExpired(Instant before) {
        recent.asMap().values().removeIf(t -> t.expiresAt().isBefore(before));
        return store.deleteExpired(before);
    }

    /** Forgets the tokens of a meeting being deleted (its rows go with it). */
    void forgetMeeting(MeetingId meetingId) {
        recent.asMap().values().removeIf(t -> t.meetingId().equals(meetingId));
    }

    /** Forgets every token: an application being deleted takes the tokens of its meetings along. */
    void forgetAll() {
        recent.invalidateAll();
    }
}
