package dev.foyer.server.transport.http;

import static dev.foyer.server.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery: what a join token unlocks, and every way a token is refused there. */
class DiscoveryTest {
    private static final String TURN_SECRET = "turn-shared-secret";
    private static TestServer server;
    private static Api api;
    private static NewApplication app;
    private static String accessToken;

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.stunUrls(List.of("stun:127.0.0.1:3478"))
                .turnUrls(List.of("turn:127.0.0.1:3478?transport=udp")).turnSecret(TURN_SECRET));
        api = server.api();
        app = server.createApp("discovery-test");
        accessToken = server.accessToken(app);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode guestTicket(JsonNode meeting, String extra) {
        Api.Response r = api.post(TestServer.platformBase(app) + "/anonApplicationTokens",
                "{\"applicationSessionId\":\"g\",\"meetingUrl\":\"" + meeting.get("joinUrl").asText() + "\"" + extra + "}",
                "Authorization", bearer(accessToken));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static JsonNode meeting() {
        return server.createAdhocMeeting(app, accessToken, "{\"subject\":\"d\"}");
    }

    @Test
    void turnCredentialsFollowCoturnsRestSchemeAndExpireWithTheToken() throws Exception {
        JsonNode ticket = guestTicket(meeting(), "");
        JsonNode d = api.get("/discover", "Authorization", bearer(ticket.get("token").asText())).json();
        JsonNode stun = d.get("iceServers").get(0);
        assertThat(stun.get("urls").get(0).asText()).isEqualTo("stun:127.0.0.1:3478");
        assertThat(stun.has("username")).isFalse();
        JsonNode turn = d.get("iceServers").get(1);
        String username = turn.get("username").asText();
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(expiry).isEqualTo(Instant.parse(ticket.get("expiryTime").asText()).getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        assertThat(turn.get("credential").asText()).isEqualTo(expected);
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        JsonNode ticket = guestTicket(meeting(), ",\"expiresInMinutes\":1");
        server.clock().advance(Duration.ofMinutes(2));
        try {
            Api.Response r = api.get("/discover", "Authorization", bearer(ticket.get("token").asText()));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("token_expired");
        } finally {
            server.clock().advance(Duration.ofMinutes(-2));
        }
    }

    @Test
    void anExpiredTokenWhoseRecordRetentionDeletedIsStillRefusedAsExpired() {
        JsonNode ticket = guestTicket(meeting(), ",\"expiresInMinutes\":1");
        server.clock().advance(Duration.ofMinutes(2));
        try {
            assertThat(server.server().services().stores().issuedTokens().deleteExpired(server.clock().instant()))
                    .isPositive();
            Api.Response r = api.get("/discover", "Authorization", bearer(ticket.get("token").asText()));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("token_expired");
        } finally {
            server.clock().advance(Duration.ofMinutes(-2));
        }
    }

    @Test
    void anAccessTokenCannotDiscover() {
        Api.Response r = api.get("/discover", "Authorization", bearer(accessToken));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("invalid_token");
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = guestTicket(meeting(), "").get("token").asText();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        JsonNode other = meeting();
        String forged = payload.replaceAll("\"mid\":\"[^\"]+\"",
                "\"mid\":\"" + other.get("onlineMeetingId").asText() + "\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        Api.Response r = api.get("/discover", "Authorization", bearer(tampered));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("invalid_token");
    }

    @Test
    void aTokenWithoutOriginsIsForNativeAppsAndThisServersPage() {
        String token = guestTicket(meeting(), "").get("token").asText();
        assertThat(api.get("/discover", "Authorization", bearer(token)).status()).isEqualTo(200);
        assertThat(api.get("/discover", "Authorization", bearer(token), "Origin", server.server().url()).status())
                .isEqualTo(200);
        Api.Response elsewhere = api.get("/discover", "Authorization", bearer(token), "Origin", "https://evil.example");
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.errorCode()).isEqualTo("origin_not_allowed");
    }

    @Test
    void aTokenWithOriginsNeedsOneOfThem() {
        String token = guestTicket(meeting(), ",\"allowedOrigins\":[\"https://bank.example\"]").get("token").asText();
        Api.Response ok = api.get("/discover", "Authorization", bearer(token), "Origin", "https://bank.example");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://bank.example");
        Api.Response none = api.get("/discover", "Authorization", bearer(token));
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.errorCode()).isEqualTo("origin_not_allowed");
    }

    @Test
    void anExpiredMeetingIsGoneForDiscovery() {
        JsonNode m = server.createAdhocMeeting(app, accessToken,
                "{\"subject\":\"brief\",\"expirationTime\":\"" + Instant.now().plus(Duration.ofMinutes(10)) + "\"}");
        String token = guestTicket(m, "").get("token").asText();
        assertThat(Instant.parse(api.get("/discover", "Authorization", bearer(token)).json()
                .get("tokenExpiresAt").asText())).isBeforeOrEqualTo(Instant.parse(m.get("expirationTime").asText()));
        server.clock().advance(Duration.ofMinutes(11));
        try {
            Api.Response r = api.get("/discover", "Authorization", bearer(token));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("token_expired");
        } finally {
            server.clock().advance(Duration.ofMinutes(-11));
        }
    }

    @Test
    void missingOrMalformedAuthorizationIsUnauthenticated() {
        assertThat(api.get("/discover").errorCode()).isEqualTo("unauthenticated");
        assertThat(api.get("/discover", "Authorization", "Basic abc").errorCode()).isEqualTo("unauthenticated");
        assertThat(api.get("/discover", "Authorization", "Bearer " + "x".repeat(5_000)).errorCode())
                .isEqualTo("invalid_token");
    }
}
