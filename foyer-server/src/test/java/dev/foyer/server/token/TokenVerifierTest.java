package dev.foyer.server.token;

import static dev.foyer.server.token.TokenFixture.ISSUER;
import static dev.foyer.server.token.TokenFixture.TTL;
import static dev.foyer.server.token.TokenFixture.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.app.AppId;
import dev.foyer.server.meeting.MeetingId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
    private final TokenFixture f = new TokenFixture();
    private final MeetingId meeting = MeetingId.random();

    @Test
    void expiredTokenIsRejectedAsExpired() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);

        f.clock.advance(TTL.plusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS + 1));

        assertRejected(token.value(), ErrorCode.TOKEN_EXPIRED, f.verifier::verifyJoin);
    }

    @Test
    void expiredAccessTokenIsRejectedAsExpired() {
        SignedToken token = f.issuer.issueAccess(AppId.random(), Duration.ofMinutes(1));

        f.clock.advance(Duration.ofHours(1));

        assertRejected(token.value(), ErrorCode.TOKEN_EXPIRED, f.verifier::verifyAccess);
    }

    @Test
    void expiredTokenWithForgedSignatureIsInvalidNotExpired() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        f.clock.advance(Duration.ofDays(1));

        assertRejected(tamper(token.value(), "guest:s1", "guest:s2"), ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"foyer-join+jwt\",\"kid\":\"" + f.keys.signingKeyId() + "\"}");
        String payload = b64(f.guestClaims(meeting).build().toString());

        assertRejected(header + "." + payload + ".", ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void algNoneWithAJunkSignatureIsRejected() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"foyer-join+jwt\",\"kid\":\"" + f.keys.signingKeyId() + "\"}");
        String payload = b64(f.guestClaims(meeting).build().toString());

        assertRejected(header + "." + payload + ".AAAA", ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void hs256KeyedWithThePublicJwkIsRejected() throws Exception {
        String publicJwkJson = JWK.parse(firstJwk(f.keys.publicJwkSet())).toJSONString();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(f.keys.signingKeyId())
                .type(new JOSEObjectType(TokenKind.GUEST.type())).build();

        String token = TokenFixture.sign(new MACSigner(publicJwkJson.getBytes(StandardCharsets.UTF_8)), header,
                f.guestClaims(meeting).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void hs256KeyedWithThePublicKeyBytesIsRejected() throws Exception {
        byte[] publicKeyDer = f.keys.verificationKey(f.keys.signingKeyId()).getEncoded();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(f.keys.signingKeyId())
                .type(new JOSEObjectType(TokenKind.GUEST.type())).build();

        String token = TokenFixture.sign(new MACSigner(publicKeyDer), header, f.guestClaims(meeting).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void rs256TokenIsRejected() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID(f.keys.signingKeyId()).generate();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(f.keys.signingKeyId())
                .type(new JOSEObjectType(TokenKind.GUEST.type())).build();

        String token = TokenFixture.sign(new RSASSASigner(rsa), header, f.guestClaims(meeting).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tokenForAnotherAudienceIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().build(),
                f.guestClaims(meeting).audience("https://other.example").build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().build(),
                f.guestClaims(meeting).issuer("https://foyer.example.evil").build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tokenWithTheWrongTypIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().type(JOSEObjectType.JWT).build(),
                f.guestClaims(meeting).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tokenWithoutTypIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().type(null).build(), f.guestClaims(meeting).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tokenNamingAnUnknownKidIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().keyID("no-such-key").build(), f.guestClaims(meeting).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tokenWithoutKidIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().keyID(null).build(), f.guestClaims(meeting).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tokenWithoutExpIsRejectedAsInvalid() {
        String token = f.signWithServerKey(f.joinHeader().build(),
                f.guestClaims(meeting).expirationTime(null).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tokenWithoutJtiIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().build(), f.guestClaims(meeting).jwtID(null).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tokenWithoutIatIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().build(), f.guestClaims(meeting).issueTime(null).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void joinTokenWithoutMeetingIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().build(), f.guestClaims(meeting).claim("mid", null).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void joinTokenWithMalformedMeetingIdIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().build(),
                f.guestClaims(meeting).claim("mid", "../../admin").build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void joinTokenWithAnUnknownKindIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().build(), f.guestClaims(meeting).claim("knd", "admin").build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void joinTokenWithAnUnknownRoleIsRejected() {
        String token = f.signWithServerKey(f.joinHeader().build(),
                f.guestClaims(meeting).claim("role", "organizer").build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tamperedPayloadFailsTheSignature() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);

        String tampered = tamper(token.value(), "\"knd\":\"guest\"", "\"knd\":\"staff\"");

        assertRejected(tampered, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void aSignatureOfZerosIsRejected() {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 passed some JDKs' ECDSA check for any message.
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        String unsigned = token.value().substring(0, token.value().lastIndexOf('.') + 1);

        assertRejected(unsigned + Base64URL.encode(new byte[64]), ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void tokensSignedByTheJdksProviderVerifyHereAndTheServersVerifyWithTheJdks() throws Exception {
        // Signing and verifying run on Bouncy Castle (Es256); the tokens are plain ES256 all the same.
        SignedToken ours = f.issuer.issueJoin(guest(), TTL);
        ECKey key = ECKey.parse(f.store.privateJwk(f.keys.signingKeyId()));
        assertThat(SignedJWT.parse(ours.value()).verify(new ECDSAVerifier(key.toECPublicKey()))).isTrue();

        String theirs = f.signWithServerKey(f.joinHeader().build(), f.guestClaims(meeting).build());
        assertThat(f.verifier.verifyJoin(theirs).jti()).isEqualTo("forged-jti-0123456789");
    }

    @Test
    void accessTokenNeverPassesAsJoinToken() {
        SignedToken token = f.issuer.issueAccess(AppId.random(), TTL);

        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void joinTokenNeverPassesAsAccessToken() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);

        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, f.verifier::verifyAccess);
    }

    @Test
    void joinTokenRelabelledAsAccessButStillJoinKindIsRejected() {
        // Right typ and aud for access, but knd says guest: the kind check alone must refuse it.
        JWSHeader header = f.joinHeader().type(new JOSEObjectType(TokenKind.ACCESS.type())).build();
        String token = f.signWithServerKey(header,
                f.guestClaims(meeting).audience(TokenKind.ACCESS.audience()).subject(AppId.random().value()).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyAccess);
    }

    @Test
    void tokenSignedByAnAttackerKeyWithAValidKidIsRejected() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(f.keys.signingKeyId()).generate();

        String token = TokenFixture.sign(new ECDSASigner(attacker), f.joinHeader().jwk(attacker.toPublicJWK()).build(),
                f.guestClaims(meeting).build());

        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void oversizeTokenIsRejectedBeforeParsing() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        String oversize = token.value() + "A".repeat(9 * 1024);

        assertRejected(oversize, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
        assertRejected("A".repeat(9 * 1024), ErrorCode.INVALID_TOKEN, f.verifier::verifyAccess);
    }

    @Test
    void tokenWithMoreThanThreePartsIsRejected() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);

        assertRejected(token.value() + ".AAAA.BBBB", ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
        assertRejected(token.value() + ".", ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void garbageIsRejected() {
        for (String garbage : new String[] {"x", "...", "a.b", "a.b.c", "Bearer abc.def.ghi", "{\"alg\":\"ES256\"}",
                "eyJ.eyJ.eyJ", "ünïcode.ünï.cöde", b64("{") + "." + b64("{}") + ".AAAA", b64("[]") + "." + b64("[]")
                        + ".AAAA"}) {
            assertRejected(garbage, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
            assertRejected(garbage, ErrorCode.INVALID_TOKEN, f.verifier::verifyAccess);
        }
    }

    @Test
    void emptyOrMissingTokenIsRejected() {
        assertRejected("", ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
        assertRejected(null, ErrorCode.INVALID_TOKEN, f.verifier::verifyAccess);
    }

    @Test
    void deeplyNestedClaimsAreRejectedWithoutCrashing() {
        String nested = "[".repeat(3000) + "]".repeat(3000);
        String header = b64("{\"alg\":\"ES256\",\"typ\":\"foyer-join+jwt\",\"kid\":\"" + f.keys.signingKeyId() + "\"}");
        String token = header + "." + b64("{\"x\":" + nested + "}") + ".AAAA";

        assertThat(token.length()).isLessThanOrEqualTo(TokenVerifier.MAX_TOKEN_LENGTH);
        assertRejected(token, ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
    }

    @Test
    void issuingATokenTooLargeToVerifyIsRefused() {
        JoinTokenRequest huge = JoinTokenRequest.newBuilder(TokenKind.GUEST, meeting, "guest:s1")
                .displayName("x".repeat(TokenVerifier.MAX_TOKEN_LENGTH)).build();

        assertRejected("", ErrorCode.INVALID_REQUEST, ignored -> f.issuer.issueJoin(huge, TTL));
    }

    @Test
    void otherIssuerConfigurationRejectsOurTokens() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        TokenVerifier elsewhere = new TokenVerifier(f.keys, ISSUER + "/", f.clock);

        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, elsewhere::verifyJoin);
    }

    // ---- join tokens known by their record: the signature is skipped, never the key ring or the clock ----

    @Test
    void aJoinTokenWhoseRecordedDigestMatchesPassesAndTheRecordIsAskedForItsJti() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        List<String> asked = new ArrayList<>();

        JoinClaims claims = f.verifier.verifyJoin(token.value(), jti -> {
            asked.add(jti);
            return TokenDigest.of(token.value());
        });

        assertThat(claims.jti()).isEqualTo(token.jti());
        assertThat(claims.meetingId()).isEqualTo(meeting);
        assertThat(asked).containsExactly(token.jti());
    }

    @Test
    void aRecordedJoinTokenStopsPassingOnceItsKeyIsRetired() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        IssuedDigests recorded = recorded(token);
        String kid = f.keys.signingKeyId();
        assertThat(f.verifier.verifyJoin(token.value(), recorded).meetingId()).isEqualTo(meeting);

        f.keys.rotate();
        assertThat(f.keys.retire(kid)).isTrue();

        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, t -> f.verifier.verifyJoin(t, recorded));
    }

    @Test
    void aRecordedJoinTokenExpiresOnTime() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        IssuedDigests recorded = recorded(token);

        f.clock.advance(TTL.plusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS - 1));
        assertThat(f.verifier.verifyJoin(token.value(), recorded).jti()).isEqualTo(token.jti());

        f.clock.advance(Duration.ofSeconds(2));
        assertRejected(token.value(), ErrorCode.TOKEN_EXPIRED, t -> f.verifier.verifyJoin(t, recorded));
    }

    @Test
    void oneCharacterOffARecordedTokenIsVerifiedInFullAndFails() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        IssuedDigests recorded = recorded(token);
        String value = token.value();
        int i = value.lastIndexOf('.') + 10;
        String badSignature = value.substring(0, i) + (value.charAt(i) == 'A' ? 'B' : 'A') + value.substring(i + 1);
        // Same jti, so the same record is found; another subject, so another digest.
        String otherSubject = tamper(value, "guest:s1", "guest:s2");

        assertRejected(badSignature, ErrorCode.INVALID_TOKEN, t -> f.verifier.verifyJoin(t, recorded));
        assertRejected(otherSubject, ErrorCode.INVALID_TOKEN, t -> f.verifier.verifyJoin(t, recorded));
    }

    @Test
    void aForgedTokenNamingARecordedJtiIsVerifiedInFullAndFails() throws Exception {
        SignedToken genuine = f.issuer.issueJoin(guest(), TTL);
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(f.keys.signingKeyId()).generate();
        String forged = TokenFixture.sign(new ECDSASigner(attacker), f.joinHeader().build(),
                f.guestClaims(meeting).jwtID(genuine.jti()).build());

        assertRejected(forged, ErrorCode.INVALID_TOKEN, t -> f.verifier.verifyJoin(t, recorded(genuine)));
    }

    @Test
    void aGenuineTokenWithoutADigestOnRecordIsVerifiedBySignature() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);

        assertThat(f.verifier.verifyJoin(token.value(), jti -> null).jti()).isEqualTo(token.jti());
        assertThat(f.verifier.verifyJoin(token.value(), jti -> TokenDigest.of("another token")).jti())
                .isEqualTo(token.jti());
    }

    @Test
    void aRecordedTokenIsStillCheckedForAlgorithmTypeAndKind() {
        SignedToken access = f.issuer.issueAccess(AppId.random(), TTL);
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"foyer-join+jwt\",\"kid\":\"" + f.keys.signingKeyId()
                + "\"}") + "." + b64(f.guestClaims(meeting).build().toString()) + ".AAAA";
        IssuedDigests nothingRecorded = jti -> null;
        IssuedDigests unsignedRecorded = jti -> TokenDigest.of(unsigned);
        IssuedDigests accessRecorded = jti -> TokenDigest.of(access.value());

        assertRejected(unsigned, ErrorCode.INVALID_TOKEN, t -> f.verifier.verifyJoin(t, unsignedRecorded));
        assertRejected(access.value(), ErrorCode.INVALID_TOKEN, t -> f.verifier.verifyJoin(t, accessRecorded));
        assertRejected(access.value(), ErrorCode.INVALID_TOKEN, t -> f.verifier.verifyJoin(t, nothingRecorded));
    }

    @Test
    void aRecordedTokenFromAnotherIssuerConfigurationIsRefused() {
        SignedToken token = new TokenIssuer(f.keys, ISSUER + "/elsewhere", f.clock).issueJoin(guest(), TTL);

        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, t -> f.verifier.verifyJoin(t, recorded(token)));
    }

    // ---- a presented join token: every check but authenticity, which its consumer makes by digest ----

    @Test
    void aPresentedJoinTokenCarriesItsClaimsAndTheDigestItsRecordHas() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);

        TokenVerifier.PresentedJoin presented = f.verifier.presentJoin(token.value());

        assertThat(presented.claims().jti()).isEqualTo(token.jti());
        assertThat(presented.claims().meetingId()).isEqualTo(meeting);
        assertThat(presented.digest()).isEqualTo(TokenDigest.of(token.value()));
    }

    @Test
    void aTamperedTokenIsPresentedWithADigestThatMatchesNoRecord() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        String otherSubject = tamper(token.value(), "guest:s1", "guest:s2");

        TokenVerifier.PresentedJoin presented = f.verifier.presentJoin(otherSubject);

        // Same jti, so a consumer finds the genuine token's record, whose digest differs.
        assertThat(presented.claims().jti()).isEqualTo(token.jti());
        assertThat(TokenDigest.matches(TokenDigest.of(token.value()), presented.digest())).isFalse();
        assertThat(TokenDigest.matches(null, presented.digest())).isFalse();
    }

    @Test
    void presentingAJoinTokenMakesEveryCheckButTheSignature() {
        SignedToken expired = f.issuer.issueJoin(guest(), Duration.ofMinutes(1));
        SignedToken access = f.issuer.issueAccess(AppId.random(), TTL);
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"foyer-join+jwt\",\"kid\":\"" + f.keys.signingKeyId()
                + "\"}") + "." + b64(f.guestClaims(meeting).build().toString()) + ".AAAA";
        String otherIssuer = new TokenIssuer(f.keys, ISSUER + "/elsewhere", f.clock).issueJoin(guest(), TTL).value();
        SignedToken current = f.issuer.issueJoin(guest(), Duration.ofHours(1));
        String kid = f.keys.signingKeyId();

        assertRejected(unsigned, ErrorCode.INVALID_TOKEN, f.verifier::presentJoin);
        assertRejected(access.value(), ErrorCode.INVALID_TOKEN, f.verifier::presentJoin);
        assertRejected(otherIssuer, ErrorCode.INVALID_TOKEN, f.verifier::presentJoin);
        assertRejected("not-a-token", ErrorCode.INVALID_TOKEN, f.verifier::presentJoin);
        f.clock.advance(Duration.ofMinutes(1).plusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS + 1));
        assertRejected(expired.value(), ErrorCode.TOKEN_EXPIRED, f.verifier::presentJoin);
        assertThat(f.verifier.presentJoin(current.value()).claims().jti()).isEqualTo(current.jti());
        f.keys.rotate();
        assertThat(f.keys.retire(kid)).isTrue();
        assertRejected(current.value(), ErrorCode.INVALID_TOKEN, f.verifier::presentJoin);
    }

    @Test
    void aJoinTokenDiscoveredIsNotReadAgainAtItsJoinAndOnlyOnce() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        JoinClaims discovered = f.verifier.verifyJoin(token.value(), recorded(token));
        assertThat(f.verifier.discoveredJoinsWaiting()).isEqualTo(1);

        TokenVerifier.PresentedJoin presented = f.verifier.presentJoin(token.value());

        assertThat(presented.claims()).isEqualTo(discovered);
        assertThat(presented.digest()).isEqualTo(TokenDigest.of(token.value()));
        assertThat(f.verifier.discoveredJoinsWaiting()).as("taken by the join").isZero();
        assertThat(f.verifier.presentJoin(token.value()).claims()).as("read afresh").isEqualTo(discovered);
    }

    @Test
    void aDiscoveredJoinTokenIsTakenOnlyByItsExactString() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        f.verifier.verifyJoin(token.value(), recorded(token));
        String otherSubject = tamper(token.value(), "guest:s1", "guest:s2");

        TokenVerifier.PresentedJoin presented = f.verifier.presentJoin(otherSubject);

        assertThat(presented.claims().subject()).isEqualTo("guest:s2");
        assertThat(presented.digest()).isEqualTo(TokenDigest.of(otherSubject));
        assertThat(f.verifier.discoveredJoinsWaiting()).as("the genuine one still waits").isEqualTo(1);
    }

    @Test
    void aDiscoveredJoinTokenStillExpiresAndDiesWithItsKeyAtItsJoin() {
        SignedToken expiring = f.issuer.issueJoin(guest(), Duration.ofMinutes(1));
        f.verifier.verifyJoin(expiring.value(), recorded(expiring));
        f.clock.advance(Duration.ofMinutes(1).plusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS + 1));
        assertRejected(expiring.value(), ErrorCode.TOKEN_EXPIRED, f.verifier::presentJoin);

        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        String kid = f.keys.signingKeyId();
        f.verifier.verifyJoin(token.value(), recorded(token));
        f.keys.rotate();
        assertThat(f.keys.retire(kid)).isTrue();
        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, f.verifier::presentJoin);
    }

    @Test
    void aJoinTokenThatFailsAtDiscoveryLeavesNothingForItsJoin() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);
        String badSignature = tamper(token.value(), "guest:s1", "guest:s2");

        assertRejected(badSignature, ErrorCode.INVALID_TOKEN, t -> f.verifier.verifyJoin(t, recorded(token)));

        assertThat(f.verifier.discoveredJoinsWaiting()).isZero();
    }

    // ---- remembered access tokens: a repeat skips the signature, never the key ring or the clock ----

    @Test
    void rememberedAccessTokenStopsPassingOnceItsKeyIsRetired() {
        AppId app = AppId.random();
        SignedToken token = f.issuer.issueAccess(app, Duration.ofMinutes(30));
        String kid = f.keys.signingKeyId();
        assertThat(f.verifier.verifyAccess(token.value()).appId()).isEqualTo(app);

        f.keys.rotate();
        f.keys.retire(kid);

        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, f.verifier::verifyAccess);
    }

    @Test
    void rememberedAccessTokenExpiresOnTime() {
        SignedToken token = f.issuer.issueAccess(AppId.random(), TTL);
        f.verifier.verifyAccess(token.value());

        f.clock.advance(TTL.plusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS - 1));
        assertThat(f.verifier.verifyAccess(token.value()).jti()).isEqualTo(token.jti());

        f.clock.advance(Duration.ofSeconds(2));
        assertRejected(token.value(), ErrorCode.TOKEN_EXPIRED, f.verifier::verifyAccess);
    }

    @Test
    void oneCharacterOffARememberedAccessTokenIsVerifiedInFull() {
        AppId app = AppId.random();
        SignedToken token = f.issuer.issueAccess(app, TTL);
        f.verifier.verifyAccess(token.value());
        String value = token.value();
        int i = value.lastIndexOf('.') + 10;
        String forged = value.substring(0, i) + (value.charAt(i) == 'A' ? 'B' : 'A') + value.substring(i + 1);

        assertRejected(forged, ErrorCode.INVALID_TOKEN, f.verifier::verifyAccess);
        assertRejected(tamper(value, app.value(), AppId.random().value()), ErrorCode.INVALID_TOKEN,
                f.verifier::verifyAccess);
    }

    @Test
    void rememberedAccessTokenStillNeverPassesAsJoinToken() {
        SignedToken token = f.issuer.issueAccess(AppId.random(), TTL);
        f.verifier.verifyAccess(token.value());

        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, t -> f.verifier.verifyJoin(t, recorded(token)));
    }

    @Test
    void accessTokensTheServerSignsAreTrustedAtFirstUseYetStillExpireAndDieWithTheirKey() {
        TokenIssuer trusting = new TokenIssuer(f.keys, ISSUER, f.clock, f.verifier);
        SignedToken access = trusting.issueAccess(AppId.random(), TTL);
        SignedToken retiredWithItsKey = trusting.issueAccess(AppId.random(), TTL);

        assertThat(f.verifier.verifyAccess(access.value()).jti()).isEqualTo(access.jti());
        assertRejected(access.value(), ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);

        String kid = f.keys.signingKeyId();
        f.keys.rotate();
        f.keys.retire(kid);
        assertRejected(retiredWithItsKey.value(), ErrorCode.INVALID_TOKEN, f.verifier::verifyAccess);

        SignedToken later = trusting.issueAccess(AppId.random(), TTL);
        f.clock.advance(TTL.plusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS + 1));
        assertRejected(later.value(), ErrorCode.TOKEN_EXPIRED, f.verifier::verifyAccess);
    }

    @Test
    void aVerifierThatRemembersNothingChecksEveryUseInFull() {
        TokenVerifier forgetful = new TokenVerifier(f.keys, ISSUER, f.clock, 0);
        SignedToken token = f.issuer.issueAccess(AppId.random(), TTL);
        assertThat(forgetful.verifyAccess(token.value())).isEqualTo(forgetful.verifyAccess(token.value()));

        String kid = f.keys.signingKeyId();
        f.keys.rotate();
        f.keys.retire(kid);
        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, forgetful::verifyAccess);
    }

    @Test
    void aSignedTokenThisVerifierWouldRefuseIsNotTrustedAtIssue() {
        TokenIssuer otherIssuer = new TokenIssuer(f.keys, ISSUER + "/elsewhere", f.clock, f.verifier);
        SignedToken token = otherIssuer.issueAccess(AppId.random(), TTL);

        assertRejected(token.value(), ErrorCode.INVALID_TOKEN, f.verifier::verifyAccess);
    }

    /** The server's record of exactly these tokens, as the issued-token store keeps it. */
    private static IssuedDigests recorded(SignedToken... tokens) {
        Map<String, String> digests = new HashMap<>();
        for (SignedToken token : tokens) {
            digests.put(token.jti(), TokenDigest.of(token.value()));
        }
        return digests::get;
    }

    private JoinTokenRequest guest() {
        return JoinTokenRequest.newBuilder(TokenKind.GUEST, meeting, "guest:s1").build();
    }

    /** Replaces text in the decoded payload and re-encodes it, keeping the original signature. */
    private static String tamper(String token, String from, String to) {
        String[] parts = token.split("\\.");
        String payload = new String(new Base64URL(parts[1]).decode(), StandardCharsets.UTF_8);
        assertThat(payload).contains(from);
        return parts[0] + "." + b64(payload.replace(from, to)) + "." + parts[2];
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstJwk(Map<String, Object> jwks) {
        return ((List<Map<String, Object>>) jwks.get("keys")).get(0);
    }
}
