package dev.foyer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network loss under the SDK: a proxy between it and the server is cut; a peer connected
 * straight to the server keeps talking meanwhile.
 */
class ReconnectTest {
    LiveServer live;
    ExecutorService appMain;
    FoyerClient foyer;
    MeetingScenario meeting;
    WsClient peer;

    @BeforeEach
    void start() {
        live = new LiveServer();
        appMain = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-main"));
        foyer = new FoyerClient.Builder().callbackExecutor(appMain)
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).build();
        meeting = live.meeting(ConversationTest.OPEN);
        String staff = meeting.staffToken("staff-1", "Ada Advisor", "presenter");
        peer = WsClient.connect(live.direct(meeting.signalingUrl(staff)));
        peer.join(staff, "Ada Advisor");
        peer.awaitType("snapshot");
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
        foyer.close();
        appMain.shutdownNow();
        live.close();
    }

    private Conversation joinGuest(RecordingListener rec) {
        String token = meeting.guestToken("visitor-" + UUID.randomUUID());
        Conversation guest = foyer.joinMeetingAnonymously("Grace Guest", null, token, live.discoverUri(), rec);
        rec.awaitState(ConversationState.ESTABLISHED);
        return guest;
    }

    private void peerSays(String text) {
        peer.send(WsClient.message("chat.send").put("clientMessageId", UUID.randomUUID().toString()).put("text", text));
        peer.await(m -> "chat.ack".equals(m.path("type").asText()), "ack of " + text);
    }

    @Test
    void resumesAfterTheNetworkDropsWithNothingLostOrDuplicated() {
        RecordingListener rec = new RecordingListener("guest");
        Conversation guest = joinGuest(rec);
        String selfId = guest.self().id();
        peerSays("before");
        rec.awaitChat("before");

        live.proxy.setRefusing(true);
        live.proxy.dropAll();
        rec.awaitState(ConversationState.RECONNECTING);
        assertThat(rec.<Integer>await("reconnecting")).isEqualTo(1);
        assertThat(guest.chat().canSend()).isTrue();

        ChatMessage queued = guest.chat().send("sent while away");
        peerSays("missed 1");
        peerSays("missed 2");
        live.proxy.setRefusing(false);

        rec.awaitState(ConversationState.ESTABLISHED);
        assertThat(guest.self().id()).isEqualTo(selfId);
        ChatMessage delivered = rec.await("chatState", (ChatMessage m) -> m.clientMessageId().equals(queued.clientMessageId()));
        assertThat(delivered.state()).isEqualTo(ChatMessage.State.SENT);

        // The peer sees the queued line exactly once, and never saw the guest leave.
        JsonNode line = peer.await(m -> "chat".equals(m.path("type").asText())
                && "sent while away".equals(m.path("text").asText()), "the queued line");
        assertThat(line.path("from").asText()).isEqualTo(selfId);
        List<JsonNode> after = peer.noneOf("participant.left", Duration.ofMillis(500));
        assertThat(after).noneMatch(m -> "chat".equals(m.path("type").asText()));

        // The guest got what it missed, in order, once each.
        peerSays("after");
        rec.awaitChat("after");
        assertThat(ConversationTest.texts(guest.chat().history()))
                .containsExactly("before", "missed 1", "missed 2", "sent while away", "after");
        assertThat(guest.chat().history()).extracting(ChatMessage::state).containsOnly(ChatMessage.State.SENT);
        assertThat(rec.values("chat")).extracting(m -> ((ChatMessage) m).text())
                .containsExactly("before", "sent while away", "missed 1", "missed 2", "after");
        rec.assertAllOnThread("app-main");
    }

    @Test
    void networkChangedResumesOnAFreshConnection() {
        RecordingListener rec = new RecordingListener("guest");
        Conversation guest = joinGuest(rec);
        String selfId = guest.self().id();

        guest.networkChanged();
        rec.awaitState(ConversationState.RECONNECTING);
        rec.awaitState(ConversationState.ESTABLISHED);
        assertThat(guest.self().id()).isEqualTo(selfId);
        guest.chat().send("still here");
        assertThat(peer.await(m -> "still here".equals(m.path("text").asText()), "the line").path("from").asText())
                .isEqualTo(selfId);
        peer.noneOf("participant.left", Duration.ofMillis(300));
    }

    @Test
    void givesUpWithATypedErrorWhenTheNetworkNeverComesBack() {
        foyer = foyer.newBuilder().reconnectTimeout(Duration.ofSeconds(1)).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).build();
        RecordingListener rec = new RecordingListener("guest");
        Conversation guest = joinGuest(rec);
        guest.chat();
        live.proxy.setRefusing(true);
        live.proxy.dropAll();
        rec.awaitState(ConversationState.RECONNECTING);
        ChatMessage queued = guest.chat().send("lost line");
        EndReason end = rec.awaitEnded();
        assertThat(end.kind()).isEqualTo(EndReason.Kind.FAILED);
        assertThat(end.error().kind()).isEqualTo(FoyerException.Kind.NETWORK);
        assertThat(guest.chat().history()).filteredOn(m -> m.clientMessageId() != null && m.clientMessageId().equals(queued.clientMessageId()))
                .extracting(ChatMessage::state).containsExactly(ChatMessage.State.FAILED);
    }
}
