package dev.foyer.server.webhook;

import static dev.foyer.server.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.protocol.CloseCodes;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WebhookReceiver;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A back-end that runs the lobby without anyone in the meeting: it learns of waiting guests by
 * webhook (guests join over real WebSockets), admits or denies them over REST, and reconciles from
 * the meeting's ordered event feed.
 */
class BackEndLobbyTest {
    private static TestServer server;
    private WebhookReceiver receiver;
    private MeetingScenario scenario;
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.webhooksAllowPrivate(true).webhookRetryHorizon(Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void meeting() {
        receiver = WebhookReceiver.start();
        scenario = new MeetingScenario(server,
                server.createAppWithCallback("lobby-" + UUID.randomUUID(), receiver.url()),
                "{\"subject\":\"Advice\",\"lobbyBypass\":\"Leaders\"}");
        receiver.awaitType("meeting.created");
    }

    @AfterEach
    void close() {
        clients.forEach(WsClient::close);
        receiver.close();
    }

    @Test
    void aGuestJoiningOverWebSocketRaisesLobbyWaitingWithItsApplicationSessionId() {
        Instant before = Instant.now().minusSeconds(1);
        String guestId = guest("visitor-42", "Vera Visitor");

        // Deliveries run in parallel: receivers order by seq, not by arrival.
        WebhookReceiver.Received a = receiver.next();
        WebhookReceiver.Received b = receiver.next();
        WebhookReceiver.Received started = a.type().equals("meeting.started") ? a : b;
        WebhookReceiver.Received waiting = started == a ? b : a;

        assertThat(started.type()).isEqualTo("meeting.started");
        assertThat(waiting.type()).isEqualTo("lobby.waiting");
        JsonNode data = waiting.json().get("data");
        assertThat(data.get("participantId").asText()).isEqualTo(guestId);
        assertThat(data.get("displayName").asText()).isEqualTo("Vera Visitor");
        assertThat(data.get("applicationSessionId").asText()).isEqualTo("visitor-42");
        assertThat(Instant.parse(data.get("waitingSince").asText())).isAfter(before);
        assertThat(waiting.json().get("seq").asLong()).isPositive().isEqualTo(started.json().get("seq").asLong());

        JsonNode lobby = get(scenario.meetingPath() + "/lobby").json().get("items");
        assertThat(lobby).hasSize(1);
        assertThat(lobby.get(0).get("participantId").asText()).isEqualTo(guestId);
        assertThat(lobby.get(0).get("applicationSessionId").asText()).isEqualTo("visitor-42");
        assertThat(lobby.get(0).get("waitingSince").asText()).isEqualTo(data.get("waitingSince").asText());
    }

    @Test
    void theBackEndAdmitsAWaitingGuestOverRestAndTheGuestIsIn() {
        WsClient guest = guestClient("visitor-1", "Ann");
        String guestId = receiver.awaitTypes("meeting.started", "lobby.waiting").get("lobby.waiting").json()
                .get("data").get("participantId").asText();

        Api.Response admit = post(scenario.meetingPath() + "/lobby/" + guestId + "/admit", "");

        assertThat(admit.status()).isEqualTo(204);
        assertThat(guest.awaitType("admitted").get("by").asText()).isEqualTo("application");
        guest.awaitType("snapshot");
        // Both share the admission's seq; deliveries run in parallel, so either may arrive first.
        var events = receiver.awaitTypes("participant.admitted", "participant.joined");
        JsonNode admitted = events.get("participant.admitted").json();
        JsonNode joined = events.get("participant.joined").json();
        assertThat(admitted.get("data").get("participantId").asText()).isEqualTo(guestId);
        assertThat(admitted.get("data").get("admittedBy").asText()).isEqualTo("application");
        assertThat(joined.get("type").asText()).isEqualTo("participant.joined");
        assertThat(joined.get("data").get("displayName").asText()).isEqualTo("Ann");
        assertThat(joined.get("seq").asLong()).isEqualTo(admitted.get("seq").asLong());
        assertThat(get(scenario.meetingPath() + "/lobby").json().get("items")).isEmpty();

        Api.Response again = post(scenario.meetingPath() + "/lobby/" + guestId + "/admit", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("conflict");
        Api.Response unknown = post(scenario.meetingPath() + "/lobby/p_nobody/admit", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("unknown_participant");
    }

    @Test
    void theBackEndDeniesAWaitingGuestWithAReason() {
        WsClient guest = guestClient("visitor-2", "Bob");
        String guestId = receiver.awaitTypes("meeting.started", "lobby.waiting").get("lobby.waiting").json()
                .get("data").get("participantId").asText();

        Api.Response deny = post(scenario.meetingPath() + "/lobby/" + guestId + "/deny",
                "{\"reason\":\"office closed\"}");

        assertThat(deny.status()).isEqualTo(204);
        assertThat(guest.awaitType("denied").get("reason").asText()).isEqualTo("office closed");
        assertThat(guest.awaitClose()).isEqualTo(CloseCodes.DENIED);
        JsonNode denied = receiver.awaitType("participant.denied").json();
        assertThat(denied.get("data").get("reason").asText()).isEqualTo("office closed");
        assertThat(receiver.drain(Duration.ofMillis(500))).extracting(WebhookReceiver.Received::type)
                .doesNotContain("participant.left");
    }

    @Test
    void lobbyCallsOnAMeetingNobodyIsInAnswerEmptyOr409() {
        assertThat(get(scenario.meetingPath() + "/lobby").json().get("items")).isEmpty();
        Api.Response admit = post(scenario.meetingPath() + "/lobby/p_someone/admit", "");
        assertThat(admit.status()).isEqualTo(409);
        assertThat(admit.errorCode()).isEqualTo("conflict");
    }

    @Test
    void theEventFeedListsTheMeetingsEventsInSeqOrderFromAnyPoint() {
        WsClient guest = guestClient("visitor-3", "Cy");
        String guestId = receiver.awaitTypes("meeting.started", "lobby.waiting").get("lobby.waiting").json()
                .get("data").get("participantId").asText();
        post(scenario.meetingPath() + "/lobby/" + guestId + "/admit", "");
        guest.awaitType("snapshot");
        guest.send(WsClient.message("leave"));
        receiver.awaitType("participant.left");

        JsonNode feed = get(scenario.meetingPath() + "/events").json();

        List<String> types = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        feed.get("items").forEach(e -> {
            types.add(e.get("type").asText());
            seqs.add(e.get("seq").asLong());
        });
        assertThat(types).containsExactly("meeting.created", "meeting.started", "lobby.waiting",
                "participant.admitted", "participant.joined", "participant.left");
        assertThat(seqs).isSorted();
        assertThat(seqs.get(0)).isZero();
        assertThat(feed.has("snapshot")).isFalse();
        assertThat(feed.get("more").asBoolean()).isFalse();
        assertThat(feed.get("lastSeq").asLong()).isEqualTo(seqs.get(seqs.size() - 1));

        long afterWaiting = seqs.get(2);
        JsonNode later = get(scenario.meetingPath() + "/events?after=" + afterWaiting).json();
        assertThat(later.get("items").findValuesAsText("type"))
                .containsExactly("participant.admitted", "participant.joined", "participant.left");
        JsonNode page = get(scenario.meetingPath() + "/events?limit=2").json();
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("more").asBoolean()).isTrue();
        assertThat(get(scenario.meetingPath() + "/events?after=-1").status()).isEqualTo(400);
    }

    @Test
    void theEventFeedGivesASnapshotOfRosterAndLobbyWhenAskedFromBeforeWhatIsKept() {
        String inLobby = guest("visitor-4", "Dee");
        receiver.awaitTypes("meeting.started", "lobby.waiting");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.server().services()
                .stores().webhooks().listByApp(scenario.app().application().id(), DeliveryStatus.PENDING, 0, 10)
                .isEmpty());
        // Retention passes for every event delivered so far.
        server.server().services().stores().webhooks().deleteFinishedBefore(Instant.now().plusSeconds(1));
        String second = guest("visitor-5", "Eve");
        receiver.await(r -> r.type().equals("lobby.waiting")
                && r.json().get("data").get("participantId").asText().equals(second), "Eve waiting");

        JsonNode feed = get(scenario.meetingPath() + "/events?after=0").json();

        assertThat(feed.get("items").findValuesAsText("type")).containsExactly("lobby.waiting");
        JsonNode snapshot = feed.get("snapshot");
        assertThat(snapshot.get("participants")).isEmpty();
        assertThat(snapshot.get("lobby").findValuesAsText("participantId")).containsExactly(inLobby, second);
        assertThat(snapshot.get("lobby").findValuesAsText("applicationSessionId"))
                .containsExactly("visitor-4", "visitor-5");
        long keptFrom = feed.get("items").get(0).get("seq").asLong();
        assertThat(get(scenario.meetingPath() + "/events?after=" + (keptFrom - 1)).json().has("snapshot")).isFalse();
    }

    private String guest(String sessionId, String name) {
        return guestJoined(sessionId, name).get("participantId").asText();
    }

    private WsClient guestClient(String sessionId, String name) {
        guestJoined(sessionId, name);
        return clients.get(clients.size() - 1);
    }

    private JsonNode guestJoined(String sessionId, String name) {
        MeetingScenario.Joined joined = scenario.join(scenario.guestToken(sessionId), name);
        clients.add(joined.client());
        assertThat(joined.joined().get("state").asText()).isEqualTo("lobby");
        return joined.joined();
    }

    private Api.Response get(String path) {
        return server.api().get(path, "Authorization", bearer(scenario.accessToken()));
    }

    private Api.Response post(String path, String body) {
        return server.api().post(path, body, "Authorization", bearer(scenario.accessToken()));
    }
}
