package dev.foyer.server.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>Verifying an ES256 signature is the most expensive step of a join and of every Platform API
 * call (~0.1 ms on Bouncy Castle, {@link Es256}; a millisecond or more on JDK 17's own provider),
 * so it is skipped where the server can know a token is genuine without it:
 *
 * <ul>
 *   <li>A <b>join token</b> is checked against the server's own record of it ({@link
 *       #verifyJoin(String, IssuedDigests)}): when the {@link TokenDigest} stored for its {@code jti}
 *       at issue equals the digest of the presented string, it is exactly the string this server
 *       signed, and only the checks that can change are made (key unretired, the clock inside
 *       {@code nbf}/{@code exp}, and the claim checks, which are cheap). A string one character off
 *       has another digest and is verified in full. The record lives in the database, so this
 *       holds at any rate of joins and for tokens minted by another node sharing it. A {@code join}
 *       goes one step further ({@link #presentJoin}): the statement that consumes the token also
 *       matches its digest, so the record is read only to explain a refusal. The claims of a join
 *       token that passed at discovery are kept, by its exact string, for its {@code join} (once,
 *       for at most {@link #DISCOVERED_TTL}), which then does not parse it again; the key and the
 *       validity window are checked again there all the same.
 *   <li>An <b>access token</b> comes back on every Platform API call: each one that passed is
 *       remembered, by its exact string, for at most {@link #CACHE_TTL} ({@link #CACHE_SIZE} at
 *       most); a repeat skips the signature and claim checks, which cannot change for the same
 *       string, but never the two that can (key unretired, clock inside {@code nbf}/{@code exp}).
 *       A token this server signs is remembered as it is issued ({@link TokenIssuer}). Failures are
 *       never remembered.
 * </ul>
 */
public final class TokenVerifier {
    /** Longer strings are refused before any parsing, to bound the cost of hostile input. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    public static final int MAX_CLOCK_SKEW_SECONDS = 30;
    /** How long a verified access token is remembered; see the class comment. */
    public static final Duration CACHE_TTL = Duration.ofMinutes(2);
    /** Verified access tokens remembered at most. */
    public static final int CACHE_SIZE = 10_000;
    /**
     * How long the claims of a join token read at discovery wait for its {@code join}: a client
     * connects right after discovery, and has 10 seconds from then to join.
     */
    public static final Duration DISCOVERED_TTL = Duration.ofSeconds(30);
    /** Join tokens whose claims wait for their {@code join}, at most. */
    public static final int DISCOVERED_SIZE = 4_096;

    private static final String ACCESS_TYPE = TokenKind.ACCESS.type();
    private static final String JOIN_TYPE = TokenKind.GUEST.type();

    private final DefaultJWTProcessor<SecurityContext> accessProcessor;
    private final DefaultJWTProcessor<SecurityContext> joinProcessor;
    private final DefaultJWTClaimsVerifier<SecurityContext> accessClaimsVerifier;
    private final DefaultJWTClaimsVerifier<SecurityContext> joinClaimsVerifier;
    private final SigningKeys keys;
    private final Clock clock;
    /** Null when this verifier remembers nothing. */
    private final Cache<String, Verified> verifiedAccess;

    /**
     * Join tokens that passed {@link #verifyJoin(String, IssuedDigests)} (discovery), by exact
     * string, until their {@link #presentJoin} (the join) takes them; null when this verifier
     * remembers nothing.
     */
    private final Cache<String, Discovered> discoveredJoins;

    /** A token that passed: its claims, the key that signed it, and its validity window. */
    private record Verified(AccessClaims claims, String kid, Instant notBefore, Instant expiresAt) {}

    /** A join token that passed at discovery: its claims as read, and the key that signed it. */
    private record Discovered(JWTClaimsSet claims, String kid) {}

    /** @param issuer the exact {@code iss} that tokens must carry */
    public TokenVerifier(SigningKeys keys, String issuer, Clock clock) {
        this(keys, issuer, clock, CACHE_SIZE);
    }

    /**
     * A verifier that remembers at most {@code rememberedAccessTokens} verified access tokens; 0
     * verifies every access token in full and keeps no join token's claims from discovery for its
     * join (benchmarks of the full check use it).
     */
    public TokenVerifier(SigningKeys keys, String issuer, Clock clock, int rememberedAccessTokens) {
        Objects.requireNonNull(keys, "keys == null");
        Objects.requireNonNull(issuer, "issuer == null");
        Objects.requireNonNull(clock, "clock == null");
        this.keys = keys;
        this.clock = clock;
        // Both caches keep themselves up on the caller's thread: each discovery puts and each join
        // removes, and handing that upkeep to the common pool woke one of its threads every few
        // joins (docs/performance.md, the twentieth session).
        this.verifiedAccess = rememberedAccessTokens > 0 ? newCache(rememberedAccessTokens) : null;
        this.discoveredJoins = rememberedAccessTokens > 0
                ? Caffeine.newBuilder().maximumSize(DISCOVERED_SIZE).expireAfterWrite(DISCOVERED_TTL)
                        .executor(Runnable::run).build()
                : null;
        // The algorithm is fixed here, per key, and never read from the header.
        JWSKeySelector<SecurityContext> keySelector = (header, context) -> {
            if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || header.getKeyID() == null) {
                return List.of();
            }
            ECPublicKey key = keys.verificationKey(header.getKeyID());
            return key == null ? List.of() : List.of(key);
        };
        this.accessClaimsVerifier = claimsVerifier(TokenKind.ACCESS.audience(), issuer, clock, Set.of());
        this.joinClaimsVerifier = claimsVerifier(TokenKind.GUEST.audience(), issuer, clock, Set.of(ClaimNames.MEETING));
        this.accessProcessor = processor(keySelector, ACCESS_TYPE, accessClaimsVerifier);
        this.joinProcessor = processor(keySelector, JOIN_TYPE, joinClaimsVerifier);
    }

    /** Verifies an application access token and returns its claims. */
    public AccessClaims verifyAccess(String token) {
        AccessClaims known = remembered(token);
        if (known != null) {
            return known;
        }
        SignedJWT jwt = parse(token);
        JWTClaimsSet claims = process(jwt, ACCESS_TYPE, accessProcessor);
        AccessClaims access = toAccess(claims);
        remember(token, jwt, claims, access);
        return access;
    }

    /** Verifies a guest, staff or organizer join token in full, signature included, and returns its claims. */
    public JoinClaims verifyJoin(String token) {
        SignedJWT jwt = parse(token);
        return toJoin(process(jwt, JOIN_TYPE, joinProcessor));
    }

    /**
     * Verifies a join token and returns its claims, skipping the signature when {@code issued}
     * recorded this exact string for its {@code jti}; anything else is verified in full. Either
     * way the algorithm, type, key (named and unretired), audience, issuer, kind, meeting and
     * validity window are checked.
     */
    public JoinClaims verifyJoin(String token, IssuedDigests issued) {
        Objects.requireNonNull(issued, "issued == null");
        SignedJWT jwt = parse(token);
        JWTClaimsSet claims = readJoin(jwt);
        String jti = claims.getJWTID();
        String recorded = jti == null ? null : issued.digestOf(jti);
        if (!TokenDigest.matches(recorded, TokenDigest.of(token))) {
            claims = process(jwt, JOIN_TYPE, joinProcessor);
        } else {
            checkJoinClaims(claims);
        }
        JoinClaims join = toJoin(claims);
        if (discoveredJoins != null) {
            discoveredJoins.put(token, new Discovered(claims, jwt.getHeader().getKeyID()));
        }
        return join;
    }

    /**
     * A join token as presented, read and checked in everything but its authenticity: it is the
     * token this server signed once {@link #digest} is found recorded for its {@code jti} (see
     * {@link dev.foyer.server.store.IssuedTokenStore#consumeRecorded}), or once {@link
     * #verifyJoin(String)} passes. Until then its claims may only be used to refuse it.
     */
    public record PresentedJoin(JoinClaims claims, String digest) {}

    /**
     * Reads a join token and makes every check of {@link #verifyJoin(String, IssuedDigests)} but
     * the one that proves it genuine, which the caller then makes in the same database statement
     * that consumes the token: a join reads the token's record not at all when it is the string
     * issued and unused. Fails like {@link #verifyJoin(String)} for anything else.
     */
    public PresentedJoin presentJoin(String token) {
        JWTClaimsSet claims = discoveredClaims(token);
        if (claims == null) {
            claims = readJoin(parse(token));
        }
        checkJoinClaims(claims);
        return new PresentedJoin(toJoin(claims), TokenDigest.of(token));
    }

    /**
     * The claims discovery read from this exact string, taken (a join uses its token once), if
     * the key that signed it is still unretired; else null, and the token is read afresh.
     */
    private JWTClaimsSet discoveredClaims(String token) {
        if (discoveredJoins == null || token == null) {
            return null;
        }
        Discovered d = discoveredJoins.asMap().remove(token);
        return d == null || keys.verificationKey(d.kid()) == null ? null : d.claims();
    }

    /** How many join tokens' claims wait for their {@code join} (tests). */
    long discoveredJoinsWaiting() {
        if (discoveredJoins == null) {
            return 0;
        }
        discoveredJoins.cleanUp();
        return discoveredJoins.estimatedSize();
    }

    /** The claims of a join token whose header names ES256, the join type and an unretired key. */
    private JWTClaimsSet readJoin(SignedJWT jwt) {
        checkHeader(jwt.getHeader(), JOIN_TYPE);
        if (keys.verificationKey(jwt.getHeader().getKeyID()) == null) {
            throw invalid("token was not signed by a current key");
        }
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("token is malformed");
        }
    }

    private void checkJoinClaims(JWTClaimsSet claims) {
        try {
            joinClaimsVerifier.verify(claims, null);
        } catch (ExpiredJWTException e) {
            throw new FoyerException(ErrorCode.TOKEN_EXPIRED, "token has expired");
        } catch (BadJWTException e) {
            throw invalid("token claims are not acceptable");
        }
    }

    /**
     * Remembers an access token this server has just signed as if it had been verified, so that
     * its first use skips the signature check too. Only {@link TokenIssuer} calls this, with its
     * own output. The claim checks still run: a token that would fail verification is not
     * remembered (and fails in full when used). Join tokens are known by their record instead.
     */
    void rememberIssued(SignedJWT jwt, String value) {
        try {
            JOSEObjectType type = jwt.getHeader().getType();
            if (type != null && ACCESS_TYPE.equals(type.getType())) {
                JWTClaimsSet claims = jwt.getJWTClaimsSet();
                accessClaimsVerifier.verify(claims, null);
                remember(value, jwt, claims, toAccess(claims));
            }
        } catch (ParseException | BadJOSEException | RuntimeException e) {
            // Not remembered: its first use verifies it in full.
        }
    }

    private static AccessClaims toAccess(JWTClaimsSet claims) {
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

    private static JoinClaims toJoin(JWTClaimsSet claims) {
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

    /**
     * The claims of access token {@code token} if it passed before and still would: its key
     * unretired, the clock inside its validity window (with the same skew as a full check). Else
     * null, or the same failure a full check would give.
     */
    private AccessClaims remembered(String token) {
        Cache<String, Verified> cache = verifiedAccess;
        if (token == null || cache == null) {
            return null;
        }
        Verified v = cache.getIfPresent(token);
        if (v == null) {
            return null;
        }
        if (keys.verificationKey(v.kid()) == null) {
            cache.invalidate(token);
            throw invalid("token was not signed by a current key");
        }
        Instant now = clock.instant();
        if (now.isAfter(v.expiresAt().plusSeconds(MAX_CLOCK_SKEW_SECONDS))) {
            cache.invalidate(token);
            throw new FoyerException(ErrorCode.TOKEN_EXPIRED, "token has expired");
        }
        if (v.notBefore() != null && now.plusSeconds(MAX_CLOCK_SKEW_SECONDS).isBefore(v.notBefore())) {
            throw invalid("token claims are not acceptable");
        }
        return v.claims();
    }

    private void remember(String token, SignedJWT jwt, JWTClaimsSet claims, AccessClaims result) {
        if (verifiedAccess == null) {
            return;
        }
        Date nbf = claims.getNotBeforeTime();
        verifiedAccess.put(token, new Verified(result, jwt.getHeader().getKeyID(), nbf == null ? null : nbf.toInstant(),
                claims.getExpirationTime().toInstant()));
    }

    private static Cache<String, Verified> newCache(int size) {
        return Caffeine.newBuilder().maximumSize(size).expireAfterWrite(CACHE_TTL).executor(Runnable::run).build();
    }

    private static JWTClaimsSet process(SignedJWT jwt, String expectedType,
            DefaultJWTProcessor<SecurityContext> processor) {
        checkHeader(jwt.getHeader(), expectedType);
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

    private static void checkHeader(JWSHeader header, String expectedType) {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw invalid("token is not signed with ES256");
        }
        if (header.getKeyID() == null) {
            throw invalid("token names no signing key");
        }
        if (header.getType() == null || !expectedType.equals(header.getType().getType())) {
            throw invalid("token is of the wrong type");
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

    private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(String audience, String issuer,
            Clock clock, Set<String> extraRequiredClaims) {
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
        return claimsVerifier;
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JWSKeySelector<SecurityContext> keySelector,
            String type, DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(type)));
        processor.setJWSKeySelector(keySelector);
        processor.setJWSVerifierFactory(Es256.verifiers());
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        return processor;
    }

    private static FoyerException invalid(String message) {
        return new FoyerException(ErrorCode.INVALID_TOKEN, message);
    }
}
