package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Joins that must fail: wrong Origin, expired, forged, tampered, for another meeting, reused. Each
 * gets an {@code error} and close 4008, and the presenter already in the meeting notices nothing.
 */
class JoinRejectionTest {
    private static final String SHOP = "https://shop.example";
    private static TestServer server;
    private MeetingScenario s;
    private Joined dana;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void presenterInTheMeeting() {
        s = new MeetingScenario(server);
        dana = s.presenter("Dana");
        dana.client().roundTrip("ready");
    }

    @Test
    void tokenWithOriginsJoinsOnlyFromOneOfThem() {
        String token = s.guestToken("origin-1", SHOP, "https://other.example");
        assertRefused(WsClient.connect(s.signalingUrl(), "https://evil.example"), token, "origin_not_allowed");
        assertRefused(WsClient.connect(s.signalingUrl()), token, "origin_not_allowed");
        assertRefused(WsClient.connect(s.signalingUrl(), "https://shop.example.evil.example"), token,
                "origin_not_allowed");
        assertUndisturbed();

        // Refusals did not spend the token: from its origin it still works.
        WsClient fromShop = WsClient.connect(s.signalingUrl(), SHOP);
        assertThat(fromShop.join(token, "Ada").get("state").asText()).isEqualTo("lobby");
        dana.client().awaitType("lobby.entered");
        fromShop.close();
    }

    @Test
    void tokenWithoutOriginsIsRefusedFromAForeignOrigin() {
        String token = s.guestToken("origin-2");
        assertRefused(WsClient.connect(s.signalingUrl(), "https://evil.example"), token, "origin_not_allowed");
        assertUndisturbed();
    }

    @Test
    void expiredTokenIsRefused() {
        String token = s.guestToken("expired-1");
        server.clock().advance(Duration.ofHours(2));
        try {
            assertRefused(WsClient.connect(s.signalingUrl()), token, "token_expired");
        } finally {
            server.clock().advance(Duration.ofHours(-2));
        }
        assertUndisturbed();
    }

    @Test
    void forgedOrTamperedTokenIsRefused() {
        String token = s.guestToken("forged-1");
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        char[] signature = parts[2].toCharArray();
        int middle = signature.length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        String badSignature = parts[0] + "." + parts[1] + "." + new String(signature);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherSession = payload.replace("forged-1", "forged-2");
        assertThat(otherSession).isNotEqualTo(payload);
        String tamperedPayload = parts[0] + "." + b64(otherSession) + "." + parts[2];
        String algNone = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

        for (String forged : new String[] {badSignature, tamperedPayload, algNone, "not-a-token", ""}) {
            assertRefused(WsClient.connect(s.signalingUrl()), forged, "invalid_token");
        }
        assertUndisturbed();
    }

    @Test
    void tokenForAnotherMeetingIsRefused() {
        MeetingScenario other = new MeetingScenario(server);
        String tokenForOther = other.guestToken("elsewhere-1");
        assertRefused(WsClient.connect(s.signalingUrl()), tokenForOther, "invalid_token");
        assertUndisturbed();

        WsClient rightPlace = WsClient.connect(other.signalingUrl());
        assertThat(rightPlace.join(tokenForOther, "Ada").get("state").asText()).isEqualTo("lobby");
        rightPlace.close();
    }

    @Test
    void reusedTokenIsRefusedAndTheFirstHolderKeepsItsPlace() {
        String token = s.guestToken("reused-1");
        Joined ada = s.join(token, "Ada");
        ada.client().awaitType("lobby.waiting");
        dana.client().awaitType("lobby.entered");
        dana.client().roundTrip("entered");

        assertRefused(WsClient.connect(s.signalingUrl()), token, "token_revoked");
        assertUndisturbed();
        ada.client().roundTrip("still-here");
        assertThat(ada.client().isClosed()).isFalse();
        dana.client().send(message("lobby.admit").put("participantId", ada.participantId()));
        ada.client().awaitType("admitted");
        ada.client().close();
    }

    private static void assertRefused(WsClient client, String token, String code) {
        client.send(message("join").put("id", "j").put("v", 1).put("token", token).put("displayName", "Mallory"));
        assertThat(client.awaitError(code).get("re").asText()).isEqualTo("j");
        assertThat(client.awaitClose()).isEqualTo(4008);
        assertThat(client.seen()).extracting(m -> m.get("type").asText()).containsExactly("error");
    }

    /** The presenter got nothing from the failed joins: its next round trip finds only the pong. */
    private void assertUndisturbed() {
        int before = dana.client().seen().size();
        dana.client().roundTrip("undisturbed");
        assertThat(dana.client().seen().subList(before, dana.client().seen().size()))
                .extracting(m -> m.get("type").asText()).containsExactly("pong");
        assertThat(dana.client().isClosed()).isFalse();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
