package dev.foyer.server.token;

/**
 * The server's own record of the join tokens it issued, as {@link TokenVerifier} asks it: the
 * {@link TokenDigest} stored for a {@code jti} when the token was signed.
 */
@FunctionalInterface
public interface IssuedDigests {
    /** The digest recorded for {@code jti}; null when there is no such token or none was recorded. */
    String digestOf(String jti);
}
