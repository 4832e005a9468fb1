package dev.foyer.server.live;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone whose join the runtime has authenticated: token verified and consumed, origin checked,
 * policy applied. The meeting decides the rest (takeover, capacity, lobby).
 *
 * @param subject the identity the token admits; a later join with the same subject takes over
 * @param jti the join token's id, revoked if the participant is removed
 */
public record Entrant(String subject, String jti, String displayName, Admission.Decision decision,
        Instant tokenExpiresAt) {
    public Entrant {
        Objects.requireNonNull(subject, "subject == null");
        Objects.requireNonNull(jti, "jti == null");
        Objects.requireNonNull(displayName, "displayName == null");
        Objects.requireNonNull(decision, "decision == null");
    }
}
