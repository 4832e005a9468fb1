package dev.foyer.server.token;

import static dev.foyer.server.token.TokenFixture.ISSUER;
import static dev.foyer.server.token.TokenFixture.TTL;
import static dev.foyer.server.token.TokenFixture.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.app.AppId;
import dev.foyer.server.meeting.MeetingId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenRoundTripTest {
    private final TokenFixture f = new TokenFixture();
    private final MeetingId meeting = MeetingId.random();

    @Test
    void accessTokenRoundTrips() {
        AppId app = AppId.random();

        SignedToken token = f.issuer.issueAccess(app, Duration.ofHours(1));
        AccessClaims claims = f.verifier.verifyAccess(token.value());

        assertThat(claims).isEqualTo(new AccessClaims(token.jti(), app, token.issuedAt(), token.expiresAt()));
        assertThat(token.issuedAt()).isEqualTo(f.clock.instant());
        assertThat(token.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(1)));
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @ParameterizedTest
    @EnumSource(value = TokenKind.class, names = {"GUEST", "STAFF", "ORGANIZER"})
    void joinTokenRoundTripsWithEveryClaim(TokenKind kind) {
        JoinTokenRequest request = JoinTokenRequest.newBuilder(kind, meeting, "guest:session-7")
                .appId("app_0123456789abcdef")
                .applicationSessionId("session-7")
                .displayName("Ada Lovelace")
                .role(JoinTokenRequest.PRESENTER)
                .allowedOrigins(List.of("https://bank.example", "https://app.bank.example"))
                .build();

        SignedToken token = f.issuer.issueJoin(request, TTL);
        JoinClaims claims = f.verifier.verifyJoin(token.value());

        assertThat(claims).isEqualTo(new JoinClaims(token.jti(), kind, meeting, "guest:session-7",
                "app_0123456789abcdef", "session-7", "Ada Lovelace", "presenter",
                List.of("https://bank.example", "https://app.bank.example"), token.issuedAt(), token.expiresAt()));
    }

    @Test
    void joinTokenOmitsAbsentOptionalClaims() throws Exception {
        SignedToken token = f.issuer.issueJoin(
                JoinTokenRequest.newBuilder(TokenKind.ORGANIZER, meeting, "user:42").build(), TTL);

        Map<String, Object> payload = SignedJWT.parse(token.value()).getJWTClaimsSet().getClaims();
        assertThat(payload).containsOnlyKeys("iss", "aud", "sub", "exp", "iat", "nbf", "jti", "knd", "mid");

        JoinClaims claims = f.verifier.verifyJoin(token.value());
        assertThat(claims.appId()).isNull();
        assertThat(claims.applicationSessionId()).isNull();
        assertThat(claims.displayName()).isNull();
        assertThat(claims.role()).isNull();
        assertThat(claims.allowedOrigins()).isEmpty();
    }

    @Test
    void headerAndRegisteredClaimsFollowTheKind() throws Exception {
        SignedToken token = f.issuer.issueJoin(JoinTokenRequest.newBuilder(TokenKind.STAFF, meeting, "user:9").build(),
                TTL);

        SignedJWT jwt = SignedJWT.parse(token.value());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(f.keys.signingKeyId());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("foyer-join+jwt");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(ISSUER);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("foyer:meeting");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("knd")).isEqualTo("staff");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("mid")).isEqualTo(meeting.value());
        assertThat(token.jti()).matches("[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void everyTokenHasItsOwnJti() {
        AppId app = AppId.random();
        assertThat(f.issuer.issueAccess(app, TTL).jti()).isNotEqualTo(f.issuer.issueAccess(app, TTL).jti());
    }

    @Test
    void jtisFollowIssueTime() {
        AppId app = AppId.random();
        String earlier = f.issuer.issueAccess(app, TTL).jti();
        f.clock.advance(Duration.ofMillis(1));
        String later = f.issuer.issueAccess(app, TTL).jti();
        assertThat(later).isGreaterThan(earlier);
        assertThat(later.substring(0, 10)).isGreaterThan(earlier.substring(0, 10));
    }

    @Test
    void tokenSurvivesARestartOverTheSameStore() {
        SignedToken token = f.issuer.issueAccess(AppId.random(), TTL);

        SigningKeys restarted = new SigningKeys(f.store, f.clock);
        TokenVerifier verifier = new TokenVerifier(restarted, ISSUER, f.clock);

        assertThat(verifier.verifyAccess(token.value()).jti()).isEqualTo(token.jti());
    }

    @Test
    void afterRotationOldTokensVerifyAndNewTokensUseTheNewKey() throws Exception {
        SignedToken before = f.issuer.issueJoin(guest(), TTL);
        String oldKid = f.keys.signingKeyId();

        String newKid = f.keys.rotate();
        SignedToken after = f.issuer.issueJoin(guest(), TTL);

        assertThat(f.verifier.verifyJoin(before.value()).jti()).isEqualTo(before.jti());
        assertThat(f.verifier.verifyJoin(after.value()).jti()).isEqualTo(after.jti());
        assertThat(SignedJWT.parse(after.value()).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(jwksKids()).containsExactlyInAnyOrder(oldKid, newKid);
    }

    @Test
    void afterRetirementTokensOfTheRetiredKeyAreRejected() {
        SignedToken before = f.issuer.issueJoin(guest(), TTL);
        String oldKid = f.keys.signingKeyId();
        String newKid = f.keys.rotate();

        f.keys.retire(oldKid);

        assertRejected(before.value(), ErrorCode.INVALID_TOKEN, f.verifier::verifyJoin);
        assertThat(jwksKids()).containsExactly(newKid);
        SignedToken after = f.issuer.issueJoin(guest(), TTL);
        assertThat(f.verifier.verifyJoin(after.value()).jti()).isEqualTo(after.jti());
    }

    @Test
    void expiryWithinTheClockSkewIsTolerated() {
        SignedToken token = f.issuer.issueJoin(guest(), TTL);

        f.clock.advance(TTL.plusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS - 1));

        assertThat(f.verifier.verifyJoin(token.value()).jti()).isEqualTo(token.jti());
    }

    private JoinTokenRequest guest() {
        return JoinTokenRequest.newBuilder(TokenKind.GUEST, meeting, "guest:s1").applicationSessionId("s1").build();
    }

    private List<Object> jwksKids() {
        return ((List<?>) f.keys.publicJwkSet().get("keys")).stream()
                .map(k -> (Object) ((Map<?, ?>) k).get("kid")).toList();
    }
}
