package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A participant whose connection is replaced or dropped stays the same participant, missing nothing. */
class ReconnectTest {
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
    void newJoinForTheSameSessionTakesOverWithoutAFlap() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined phone = s.admittedGuest(dana, "takeover-1", "Ada");
        dana.client().awaitType("participant.joined");
        int danaBefore = dana.client().seen().size();

        Joined laptop = s.join(s.guestToken("takeover-1"), "Ada");
        assertThat(phone.client().awaitClose()).isEqualTo(4005);
        assertThat(laptop.participantId()).isEqualTo(phone.participantId());
        assertThat(laptop.joined().get("state").asText()).isEqualTo("established");
        laptop.client().awaitType("snapshot");

        laptop.client().send(message("chat.send").put("clientMessageId", "l1").put("text", "on my laptop now"));
        dana.client().awaitType("chat");
        assertThat(dana.client().seen().subList(danaBefore, dana.client().seen().size()))
                .extracting(m -> m.get("type").asText()).containsExactly("chat");
        LobbyFlowTest.close(dana, laptop);
    }

    @Test
    void waitingGuestThatTakesOverKeepsWaitingAndIsToldSo() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined phone = s.join(s.guestToken("takeover-lobby"), "Ada");
        JsonNode firstWait = phone.client().awaitType("lobby.waiting");
        dana.client().awaitType("lobby.entered");

        Joined laptop = s.join(s.guestToken("takeover-lobby"), "Ada");
        assertThat(phone.client().awaitClose()).isEqualTo(4005);
        assertThat(laptop.participantId()).isEqualTo(phone.participantId());
        assertThat(laptop.joined().get("state").asText()).isEqualTo("lobby");
        JsonNode wait = laptop.client().awaitType("lobby.waiting");
        assertThat(wait.get("timeoutAt").asText()).isEqualTo(firstWait.get("timeoutAt").asText());

        dana.client().send(message("lobby.admit").put("participantId", laptop.participantId()));
        laptop.client().awaitType("admitted");
        laptop.client().awaitType("snapshot");
        LobbyFlowTest.close(dana, laptop);
    }

    @Test
    void resumeAfterADropDeliversEveryMissedChatOnceInOrder() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined eve = s.presenter("Eve");
        dana.client().awaitType("participant.joined");
        dana.client().send(message("chat.send").put("clientMessageId", "c0").put("text", "seen live"));
        eve.client().awaitType("chat");
        long lastSeq = eve.client().lastSeq();

        eve.client().drop();
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            dana.client().send(message("chat.send").put("clientMessageId", "m" + i).put("text", "missed " + i));
            dana.client().awaitType("chat.ack");
            sent.add("missed " + i);
        }

        WsClient back = WsClient.connect(s.signalingUrl());
        back.send(message("resume").put("v", 1).put("resumeToken", eve.resumeToken()).put("lastSeq", lastSeq));
        JsonNode joined = back.awaitType("joined");
        assertThat(joined.get("participantId").asText()).isEqualTo(eve.participantId());
        List<JsonNode> replayed = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            replayed.add(back.awaitType("chat"));
        }
        assertThat(replayed).extracting(m -> m.get("text").asText()).containsExactlyElementsOf(sent);
        assertThat(replayed).extracting(m -> m.get("seq").asLong()).isSorted().doesNotHaveDuplicates()
                .allMatch(seq -> seq > lastSeq);
        back.roundTrip("after-replay");
        assertThat(back.seen("chat")).hasSize(sent.size());

        dana.client().send(message("chat.send").put("clientMessageId", "live").put("text", "welcome back"));
        assertThat(back.awaitType("chat").get("text").asText()).isEqualTo("welcome back");
        dana.client().roundTrip("end");
        assertThat(dana.client().seen()).extracting(m -> m.get("type").asText())
                .doesNotContain("participant.left").containsOnlyOnce("participant.joined");
        dana.client().close();
        back.close();
    }

    @Test
    void chatResentAfterADropIsDeliveredAndStoredOnce() {
        MeetingScenario s = new MeetingScenario(server);
        Joined dana = s.presenter("Dana");
        Joined eve = s.presenter("Eve");
        dana.client().awaitType("participant.joined");
        long lastSeq = eve.client().lastSeq();

        // Sent and cut at once: the line may or may not have reached the server.
        eve.client().send(message("chat.send").put("clientMessageId", "once").put("text", "exactly once"));
        eve.client().drop();
        WsClient back = WsClient.connect(s.signalingUrl());
        back.send(message("resume").put("v", 1).put("resumeToken", eve.resumeToken()).put("lastSeq", lastSeq));
        back.awaitType("joined");
        back.send(message("chat.send").put("id", "r").put("clientMessageId", "once").put("text", "exactly once"));
        JsonNode ack = back.await(m -> "chat.ack".equals(m.path("type").asText()), "the ack");
        // And once more on the same connection, as a client unsure of the ack would.
        back.send(message("chat.send").put("id", "r2").put("clientMessageId", "once").put("text", "exactly once"));
        JsonNode again = back.await(m -> "r2".equals(m.path("re").asText()), "the second ack");
        assertThat(again.get("messageId").asText()).isEqualTo(ack.get("messageId").asText());

        Joined late = s.presenter("Late");
        JsonNode snapshot = late.client().seen("snapshot").get(0);
        assertThat(snapshot.get("chat")).extracting(c -> c.get("clientMessageId").asText()).containsOnlyOnce("once");
        List<ChatRecord> stored = server.server().services().stores().chat()
                .recent(MeetingId.parse(s.meetingId()), 50);
        assertThat(stored).filteredOn(l -> l.clientMessageId().equals("once")).hasSize(1);
        dana.client().roundTrip("end");
        assertThat(dana.client().seen("chat")).hasSize(1);
        LobbyFlowTest.close(dana, late);
        back.close();
    }
}
