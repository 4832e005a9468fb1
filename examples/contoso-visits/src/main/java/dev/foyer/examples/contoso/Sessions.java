package dev.foyer.examples.contoso;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browsers: a random session id (256 bits) in an HttpOnly cookie, and the account it
 * belongs to here on the server. A session ends on sign-out or after {@link #IDLE} without use.
 */
final class Sessions {
    static final Duration IDLE = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Session(Account account, Instant lastSeen) {}

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** Starts a session and returns its id, the cookie's value. */
    String start(Account account) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byId.put(id, new Session(account, clock.instant()));
        return id;
    }

    /** The account of a live session, refreshing its idle timer; empty for an unknown or idle one. */
    Optional<Account> account(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session s = byId.computeIfPresent(id, (k, old) ->
                old.lastSeen().plus(IDLE).isBefore(now) ? null : new Session(old.account(), now));
        return s == null ? Optional.empty() : Optional.of(s.account());
    }

    void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }
}
