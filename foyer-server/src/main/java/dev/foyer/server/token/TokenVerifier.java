package dev.foyer.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.app.AppId;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.meeting.MeetingId;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies the tokens {@link TokenIssuer} signs. Thread-safe.
 *
 * <p>A token passes only if all of these hold: it is at most {@link #MAX_TOKEN_LENGTH}
 * characters of compact JWS (three base64url parts, a non-empty signature); its algorithm is
 * ES256, whatever else the header says ({@code none}, HS256 keyed with the public key, RS256 are
 * refused); its {@code kid} names an unretired key of the ring; its {@code typ} and {@code aud}
 * are those of the expected kind and its {@code knd} is the expected kind (an access token never
 * passes as a join token, nor the reverse); its {@code iss} is exactly this server's; it carries
 * {@code sub}, {@code iat}, {@code jti} and an {@code exp} in the future (with at most {@link
 * #MAX_CLOCK_SKEW_SECONDS} of skew), and a join token a well-formed {@code mid}.
 *
 * <p>Every failure is a {@link FoyerException}: {@link ErrorCode#TOKEN_EXPIRED} when only the
 * expiry is wrong, {@link ErrorCode#INVALID_TOKEN} otherwise. Its message is a short sentence
 * that never quotes the token. Revocation and single use are the caller's to check, by {@code jti}.
 */
public final class TokenVerifier {
    /** Longer strings are refused before any parsing, to bound the cost of hostile input. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    public static final int MAX_CLOCK_SKEW_SECONDS = 30;

    private static final String ACCESS_TYPE = TokenKind.ACCESS.type();
    private static final String JOIN_TYPE = TokenKind.GUEST.type();

    private final DefaultJWTProcessor<SecurityContext> accessProcessor;
    private final DefaultJWTProcessor<SecurityContext> joinProcessor;

    /** @param issuer the exact {@code iss} that tokens must carry */
    public TokenVerifier(SigningKeys keys, String issuer, Clock clock) {
        Objects.requireNonNull(keys, "keys == null");
        Objects.requireNonNull(issuer, "issuer == null");
        Objects.requireNonNull(clock, "clock == null");
        // The algorithm is fixed here, per key, and never read from the header.
        JWSKeySelector<SecurityContext> keySelector = (header, context) -> {
            if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || header.getKeyID() == null) {
                return List.of();
            }
            ECPublicKey key = keys.verificationKey(header.getKeyID());
            return key == null ? List.of() : List.of(key);
        };
        this.accessProcessor = processor(keySelector, ACCESS_TYPE, TokenKind.ACCESS.audience(), issuer, clock,
                Set.of());
        this.joinProcessor = processor(keySelector, JOIN_TYPE, TokenKind.GUEST.audience(), issuer, clock,
                Set.of(ClaimNames.MEETING));
    }

    /** Verifies an application access token and returns its claims. */
    public AccessClaims verifyAccess(String token) {
        JWTClaimsSet claims = process(token, ACCESS_TYPE, accessProcessor);
        if (kind(claims) != TokenKind.ACCESS) {
            throw invalid("token is not an access token");
        }
        AppId appId;
        try {
            appId = new AppId(claims.getSubject());
        } catch (IllegalArgumentException e) {
            throw invalid("token names no valid application");
        }
        return new AccessClaims(claims.getJWTID(), appId, claims.getIssueTime().toInstant(),
                claims.getExpirationTime().toInstant());
    }

    /** Verifies a guest, staff or organizer join token and returns its claims. */
    public JoinClaims verifyJoin(String token) {
        JWTClaimsSet claims = process(token, JOIN_TYPE, joinProcessor);
        TokenKind kind = kind(claims);
        if (kind == null || !kind.isJoinToken()) {
            throw invalid("token is not a join token");
        }
        try {
            MeetingId meetingId = new MeetingId(claims.getStringClaim(ClaimNames.MEETING));
            String role = claims.getStringClaim(ClaimNames.ROLE);
            if (role != null && !JoinTokenRequest.isRole(role)) {
                throw invalid("token names an unknown role");
            }
            List<String> origins = claims.getStringListClaim(ClaimNames.ORIGINS);
            return new JoinClaims(claims.getJWTID(), kind, meetingId, claims.getSubject(),
                    claims.getStringClaim(ClaimNames.APP),
                    claims.getStringClaim(ClaimNames.APPLICATION_SESSION),
                    claims.getStringClaim(ClaimNames.NAME),
                    role,
                    origins == null ? List.of() : origins,
                    claims.getIssueTime().toInstant(),
                    claims.getExpirationTime().toInstant());
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            // Wrong claim types, a malformed meeting id, a null inside the origins array.
            throw invalid("token has malformed claims");
        }
    }

    private static JWTClaimsSet process(String token, String expectedType,
            DefaultJWTProcessor<SecurityContext> processor) {
        SignedJWT jwt = parse(token);
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw invalid("token is not signed with ES256");
        }
        if (header.getKeyID() == null) {
            throw invalid("token names no signing key");
        }
        if (header.getType() == null || !expectedType.equals(header.getType().getType())) {
            throw invalid("token is of the wrong type");
        }
        try {
            return processor.process(jwt, null);
        } catch (ExpiredJWTException e) {
            throw new FoyerException(ErrorCode.TOKEN_EXPIRED, "token has expired");
        } catch (BadJWTException e) {
            throw invalid("token claims are not acceptable");
        } catch (BadJWSException e) {
            throw invalid("token signature is not valid");
        } catch (BadJOSEException e) {
            // Algorithm and type were checked above: what is left is a key not in the ring.
            throw invalid("token was not signed by a current key");
        } catch (JOSEException e) {
            throw invalid("token signature could not be checked");
        }
    }

    /** Parses a compact JWS after cheap structural checks; never echoes the input. */
    private static SignedJWT parse(String token) {
        if (token == null || token.isEmpty()) {
            throw invalid("no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("token is too long");
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot <= firstDot + 1 || token.indexOf('.', secondDot + 1) >= 0) {
            throw invalid("token is not a compact JWS");
        }
        if (secondDot == token.length() - 1) {
            throw invalid("token is not signed");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!base64url) {
                throw invalid("token is not a compact JWS");
            }
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw invalid("token is malformed");
        }
    }

    private static TokenKind kind(JWTClaimsSet claims) {
        Object value = claims.getClaim(ClaimNames.KIND);
        for (TokenKind kind : TokenKind.values()) {
            if (kind.claimValue().equals(value)) {
                return kind;
            }
        }
        return null;
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JWSKeySelector<SecurityContext> keySelector,
            String type, String audience, String issuer, Clock clock, Set<String> extraRequiredClaims) {
        Set<String> required = new HashSet<>(Set.of("iss", "aud", "sub", "exp", "iat", "jti",
                ClaimNames.KIND));
        required.addAll(extraRequiredClaims);
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier = new DefaultJWTClaimsVerifier<>(
                Set.of(audience), new JWTClaimsSet.Builder().issuer(issuer).build(), required, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claimsVerifier.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(type)));
        processor.setJWSKeySelector(keySelector);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        return processor;
    }

    private static FoyerException invalid(String message) {
        return new FoyerException(ErrorCode.INVALID_TOKEN, message);
    }
}
