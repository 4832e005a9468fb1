package dev.foyer.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.meeting.MeetingId;
import java.time.Duration;
import java.util.Date;
import java.util.function.Consumer;

/** One server's worth of token machinery over an in-memory store and a stepped clock. */
final class TokenFixture {
    static final String ISSUER = "https://foyer.example";
    static final Duration TTL = Duration.ofMinutes(10);

    final InMemorySigningKeyStore store = new InMemorySigningKeyStore();
    final TestClock clock = new TestClock();
    final SigningKeys keys = new SigningKeys(store, clock);
    final TokenIssuer issuer = new TokenIssuer(keys, ISSUER, clock);
    final TokenVerifier verifier = new TokenVerifier(keys, ISSUER, clock);

    /** Claims of a valid guest join token, for tests that change one thing and sign it themselves. */
    JWTClaimsSet.Builder guestClaims(MeetingId meetingId) {
        Date now = Date.from(clock.instant());
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(TokenKind.GUEST.audience())
                .subject("guest:session-1")
                .issueTime(now)
                .notBeforeTime(now)
                .expirationTime(Date.from(clock.instant().plus(TTL)))
                .jwtID("forged-jti-0123456789")
                .claim("knd", "guest")
                .claim("mid", meetingId.value());
    }

    /** A valid join-token header naming the current signing key. */
    JWSHeader.Builder joinHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(keys.signingKeyId())
                .type(new JOSEObjectType(TokenKind.GUEST.type()));
    }

    /** Signs with the server's real current private key, as a token with a chosen defect would be. */
    String signWithServerKey(JWSHeader header, JWTClaimsSet claims) {
        try {
            ECKey key = ECKey.parse(store.privateJwk(keys.signingKeyId()));
            return sign(new ECDSASigner(key), header, claims);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts that {@code verify} rejects {@code token} with {@code code}, without quoting the token. */
    static void assertRejected(String token, ErrorCode code, Consumer<String> verify) {
        FoyerException e = catchThrowableOfType(FoyerException.class, () -> verify.accept(token));
        assertThat(e).as("rejected").isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(80);
        if (token != null && token.length() > 8) {
            assertThat(e.getMessage()).doesNotContain(token);
            for (String part : token.split("\\.")) {
                if (part.length() > 8) {
                    assertThat(e.getMessage()).doesNotContain(part);
                }
            }
        }
    }
}
