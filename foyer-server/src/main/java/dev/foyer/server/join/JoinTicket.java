package dev.foyer.server.join;

import java.time.Instant;

/**
 * What a client needs to join a meeting: the token, when it expires, and where to discover the
 * signaling endpoint with it.
 *
 * @param token a bearer secret, never to be logged
 */
public record JoinTicket(String token, Instant expiryTime, String discoverUri) {
    @Override
    public String toString() {
        return "JoinTicket[expiryTime=" + expiryTime + ", discoverUri=" + discoverUri + "]";
    }
}
