package dev.foyer.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * What a client app needs to join a meeting: a join token and the discovery URI to present it to.
 * Hand {@code token} and {@code discoverUri} (with the meeting's join URL) to the client SDK's
 * {@code joinMeetingAnonymously(displayName, joinUrl, token, discoverUri)}.
 *
 * <p>The token is a bearer credential for one meeting: send it only to the visitor it was minted
 * for, and never log it. {@link #toString()} leaves it out.
 *
 * @param token the join token (a compact JWS)
 * @param expiryTime when the token stops working; it never outlives its meeting
 * @param discoverUri where the client presents the token, for example {@code https://meet.example.com/discover}
 */
public record JoinTicket(String token, Instant expiryTime, String discoverUri) {

    public JoinTicket {
        Objects.requireNonNull(token, "token == null");
        Objects.requireNonNull(discoverUri, "discoverUri == null");
    }

    @Override
    public String toString() {
        return "JoinTicket[token=<redacted>, expiryTime=" + expiryTime + ", discoverUri=" + discoverUri + "]";
    }
}
