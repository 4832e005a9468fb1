package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A presenter and a guest in a real meeting over real WebSockets: lobby, admission, chat both ways. */
class LiveMeetingSmokeTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void guestWaitsIsAdmittedAndChatsWithThePresenter() {
        MeetingScenario s = new MeetingScenario(server);
        MeetingScenario.Joined dana = s.presenter("Dana");
        MeetingScenario.Joined ada = s.join(s.guestToken("visit-1"), "Ada");
        assertThat(ada.joined().get("state").asText()).isEqualTo("lobby");
        JsonNode waiting = ada.client().awaitType("lobby.waiting");
        assertThat(waiting.get("reason").get("code").asText()).isEqualTo("lobby_policy");

        JsonNode entered = dana.client().awaitType("lobby.entered");
        assertThat(entered.at("/participant/displayName").asText()).isEqualTo("Ada");
        dana.client().send(WsClient.message("chat.send").put("clientMessageId", "d1").put("text", "staff only"));
        dana.client().awaitType("chat.ack");
        ada.client().noneOf("chat", Duration.ofMillis(300));

        dana.client().send(WsClient.message("lobby.admit").put("participantId", ada.participantId()));
        ada.client().awaitType("admitted");
        JsonNode snapshot = ada.client().awaitType("snapshot");
        assertThat(snapshot.get("participants")).hasSize(2);
        assertThat(snapshot.get("chat").get(0).get("text").asText()).isEqualTo("staff only");

        ada.client().send(WsClient.message("chat.send").put("id", "r1").put("clientMessageId", "a1").put("text", "Hi!"));
        JsonNode chat = dana.client().awaitType("chat");
        assertThat(chat.get("text").asText()).isEqualTo("Hi!");
        assertThat(chat.get("from").asText()).isEqualTo(ada.participantId());
        assertThat(ada.client().awaitType("chat.ack").get("re").asText()).isEqualTo("r1");

        assertThat(server.api().get("/metrics").body()).containsPattern("(?m)^foyer_lobby_wait_seconds_count [1-9]");

        ada.client().send(WsClient.message("leave"));
        assertThat(ada.client().awaitClose()).isEqualTo(1000);
        assertThat(dana.client().awaitType("participant.left").get("reason").asText()).isEqualTo("left");
        dana.client().close();
    }

    @Test
    void textInAnyScriptArrivesExactlyAsSentToEveryone() {
        MeetingScenario s = new MeetingScenario(server, MeetingScenario.EVERYONE_ENTERS);
        MeetingScenario.Joined zoe = s.join(s.guestToken("utf8-1"), "Zoë ☕");
        MeetingScenario.Joined li = s.join(s.guestToken("utf8-2"), "李雷");
        zoe.client().awaitType("snapshot");
        li.client().awaitType("snapshot");
        String text = "Grüße, ça va? — 你好 😀 \"quoted\" \\ back";

        zoe.client().send(WsClient.message("chat.send").put("clientMessageId", "u1").put("text", text));

        JsonNode heard = li.client().awaitType("chat");
        assertThat(heard.get("text").asText()).isEqualTo(text);
        assertThat(heard.get("fromName").asText()).isEqualTo("Zoë ☕");
        assertThat(zoe.client().awaitType("chat").get("text").asText()).isEqualTo(text);
        zoe.client().close();
        li.client().close();
    }
}
