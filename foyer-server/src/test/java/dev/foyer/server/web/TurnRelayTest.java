package dev.foyer.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.discovery.TurnCredentials;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.MeetingScenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Media through a real TURN relay (Debian coturn with {@code use-auth-secret}): the browsers are
 * forced to relay candidates ({@code iceTransportPolicy: 'relay'}) with the credentials the
 * server minted; wrong or expired credentials get no relay at all.
 */
class TurnRelayTest {
    private static final String SECRET = "turn-test-secret";
    /** Gathers candidates with the given ICE servers, relay only; resolves with how many are relayed. */
    private static final String RELAY_CANDIDATES = """
            async (iceServers) => {
              const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
              pc.createDataChannel('probe');
              let relayed = 0;
              const done = new Promise((resolve) => {
                pc.onicecandidate = (e) => {
                  if (!e.candidate) resolve();
                  else if (e.candidate.type === 'relay') relayed++;
                };
                setTimeout(resolve, 20000);
              });
              await pc.setLocalDescription(await pc.createOffer());
              await done;
              pc.close();
              return relayed;
            }""";

    private static Coturn turn;
    private static BrowserRig rig;
    private final Windows windows = new Windows();

    @BeforeAll
    static void start() {
        turn = Coturn.start(SECRET);
        rig = BrowserRig.start(b -> b.turnUrls(List.of(turn.url())).turnSecret(SECRET));
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
        if (turn != null) {
            turn.close();
        }
    }

    @AfterEach
    void closeWindows() {
        windows.close();
    }

    private MeetPage window(String who, TestInfo info) {
        return windows.open(rig.chromium().desktop(), who, info.getTestMethod().orElseThrow().getName());
    }

    @Test
    void mediaFlowsThroughTheRelayWithTheParticipantsOwnCredentials(TestInfo info) {
        MeetingScenario scenario = new MeetingScenario(rig.server(),
                "{\"subject\":\"Relayed\",\"accessLevel\":\"Everyone\",\"lobbyBypass\":\"Everyone\"}");
        String joinUrl = scenario.meeting().get("joinUrl").asText();
        String staff = scenario.staffToken("advisor-2", "Dana Advisor", "presenter");

        MeetPage dana = window("presenter", info).open(joinUrl + "#token=" + staff + "&relay=1");
        dana.join("Dana Advisor");
        dana.expectScreen("meeting");
        MeetPage guest = window("guest", info).open(joinUrl + "#relay=1");
        guest.join("Gil");
        guest.expectScreen("meeting");

        for (MeetPage p : List.of(dana, guest)) {
            p.awaitMediaFromOthers(1);
            JsonNode stats = json(p.stats());
            assertThat(stats.size()).isEqualTo(1);
            JsonNode peer = stats.elements().next();
            assertThat(peer.get("localCandidateType").asText()).as(p.who + " " + stats).isEqualTo("relay");
            assertThat(peer.get("remoteCandidateType").asText()).as(p.who + " " + stats).isEqualTo("relay");

            // The TURN username names this participant and expires with its token.
            JsonNode self = json(String.valueOf(p.page.evaluate("() => JSON.stringify({id: "
                    + "window.foyerConversation.participantId, ice: window.foyerConversation.iceServers})")));
            JsonNode turnServer = self.get("ice").get(0);
            assertThat(turnServer.get("urls").get(0).asText()).isEqualTo(turn.url());
            String[] user = turnServer.get("username").asText().split(":", 2);
            assertThat(user[1]).isEqualTo(self.get("id").asText());
            assertThat(Long.parseLong(user[0])).isGreaterThan(Instant.now().getEpochSecond() + 30 * 60);
        }
        assertThat(guest.page.locator("#people-list li")).hasCount(2);
        dana.screenshot("relayed-media");
    }

    @Test
    void discoveryCredentialsGetARelayAndWrongOrExpiredOnesDoNot(TestInfo info) {
        MeetingScenario scenario = new MeetingScenario(rig.server(), "{\"subject\":\"Probe\"}");
        String token = scenario.staffToken("advisor-3", "Dana Advisor", "presenter");
        Api.Response discovery = rig.server().api().get("/discover", "Authorization", Api.bearer(token));
        assertThat(discovery.status()).isEqualTo(200);
        JsonNode turnServer = discovery.json().get("iceServers").get(0);
        String username = turnServer.get("username").asText();
        String credential = turnServer.get("credential").asText();

        MeetPage probe = window("probe", info).open(rig.server().api().base() + "/healthz");
        assertThat(relayCandidates(probe, username, credential)).as(turn.log()).isGreaterThan(0);
        assertThat(relayCandidates(probe, username, "d3Jvbmc=")).isZero();
        TurnCredentials expired = TurnCredentials.create(SECRET, "p_expired", Instant.now().minusSeconds(60));
        assertThat(relayCandidates(probe, expired.username(), expired.credential())).isZero();
        TurnCredentials otherSecret = TurnCredentials.create("not-the-secret", "p_x", Instant.now().plusSeconds(600));
        assertThat(relayCandidates(probe, otherSecret.username(), otherSecret.credential())).isZero();
    }

    private int relayCandidates(MeetPage page, String username, String credential) {
        Object n = page.page.evaluate(RELAY_CANDIDATES,
                List.of(Map.of("urls", List.of(turn.url()), "username", username, "credential", credential)));
        return ((Number) n).intValue();
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
