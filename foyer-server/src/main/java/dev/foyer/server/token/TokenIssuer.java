package dev.foyer.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.app.AppId;
import dev.foyer.server.error.FoyerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;

/**
 * Signs Foyer's tokens: ES256 JWTs with the ring's current {@code kid}, a {@code typ} and an
 * audience per {@link TokenKind}, a time-ordered {@code jti}, and {@code iat}/{@code nbf}/{@code exp}
 * from the injected clock (whole seconds). Thread-safe.
 *
 * <p>A token is a bearer secret: the caller hands {@link SignedToken#value()} to its holder and
 * never logs it. A token longer than {@link TokenVerifier#MAX_TOKEN_LENGTH} would never verify,
 * so issuing one fails with {@link ErrorCode#INVALID_REQUEST}.
 */
public final class TokenIssuer {
    private final SigningKeys keys;
    private final String issuer;
    private final Clock clock;
    private final TokenVerifier verifier;

    /** @param issuer the {@code iss} claim, typically the server's public URL */
    public TokenIssuer(SigningKeys keys, String issuer, Clock clock) {
        this(keys, issuer, clock, null);
    }

    /**
     * An issuer that hands each token it signs to {@code verifier}, which then trusts it without
     * checking the signature it just made (see {@link TokenVerifier}).
     */
    public TokenIssuer(SigningKeys keys, String issuer, Clock clock, TokenVerifier verifier) {
        this.keys = Objects.requireNonNull(keys, "keys == null");
        this.issuer = Objects.requireNonNull(issuer, "issuer == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.verifier = verifier;
    }

    /** An application access token for the Platform API: {@code sub} is the application id. */
    public SignedToken issueAccess(AppId appId, Duration ttl) {
        Objects.requireNonNull(appId, "appId == null");
        return sign(TokenKind.ACCESS, appId.value(), ttl, new JWTClaimsSet.Builder());
    }

    /** A join token for one meeting, carrying the request's optional claims only when present. */
    public SignedToken issueJoin(JoinTokenRequest request, Duration ttl) {
        Objects.requireNonNull(request, "request == null");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim(ClaimNames.MEETING, request.meetingId().value());
        putIfPresent(claims, ClaimNames.APP, request.appId());
        putIfPresent(claims, ClaimNames.APPLICATION_SESSION, request.applicationSessionId());
        putIfPresent(claims, ClaimNames.NAME, request.displayName());
        putIfPresent(claims, ClaimNames.ROLE, request.role());
        if (!request.allowedOrigins().isEmpty()) {
            claims.claim(ClaimNames.ORIGINS, request.allowedOrigins());
        }
        return sign(request.kind(), request.subject(), ttl, claims);
    }

    private SignedToken sign(TokenKind kind, String subject, Duration ttl, JWTClaimsSet.Builder claims) {
        Objects.requireNonNull(ttl, "ttl == null");
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ttl must be at least one second: " + ttl);
        }
        Instant now = clock.instant();
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        String jti = TokenIds.jti(now);
        claims.issuer(issuer)
                .audience(kind.audience())
                .subject(subject)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti)
                .claim(ClaimNames.KIND, kind.claimValue());

        SigningKeys.Signer signer = keys.signer();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(signer.kid())
                .type(new JOSEObjectType(kind.type()))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + signer.kid(), e);
        }
        String value = jwt.serialize();
        if (value.length() > TokenVerifier.MAX_TOKEN_LENGTH) {
            throw new FoyerException(ErrorCode.INVALID_REQUEST,
                    "token claims too large: over "
                            + TokenVerifier.MAX_TOKEN_LENGTH + " characters");
        }
        if (verifier != null) {
            verifier.rememberIssued(jwt, value);
        }
        return new SignedToken(value, jti, issuedAt, expiresAt);
    }

    private static void putIfPresent(JWTClaimsSet.Builder claims, String name, String value) {
        if (value != null) {
            claims.claim(name, value);
        }
    }
}
