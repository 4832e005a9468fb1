package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.RawWebSocket;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Many clients, a client that stops reading, and what /metrics makes of it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeavyTrafficTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        // Signals to the slow client come from 24 presenters: above the default mesh limit.
        server = TestServer.h2(b -> b.meshLimit(64));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // Last: its flood keeps the server busy for a while, and must not slow the other tests down.
    @Test
    @Order(3)
    void clientThatStopsReadingIsCutOffWith4100WhileOthersKeepReceiving() throws Exception {
        MeetingScenario s = new MeetingScenario(server, MeetingScenario.EVERYONE_ENTERS);
        Joined dana = s.presenter("Dana");
        Joined olive = s.join(s.guestToken("observer"), "Olive");
        olive.client().awaitType("snapshot");

        RawWebSocket slow = RawWebSocket.connect(s.signalingUrl(), 4096);
        slow.sendText(message("join").put("v", 1).put("token", s.guestToken("slow")).put("displayName", "Sloth")
                .toString());
        JsonNode joined = JSON.readTree(slow.awaitText("\"joined\""));
        String slowId = joined.get("participantId").asText();
        // From here on the slow client reads nothing. Presenters flood it with large signals: more
        // frames than its outbound queue and the socket buffers together can hold.
        double cutBefore = metric("foyer_slow_consumers_total");
        String data = "{\"sdp\":\"" + "a".repeat(30 * 1024 - 20) + "\"}";
        int senders = 24;
        int perSender = 55;
        List<Joined> flooders = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            flooders.add(s.presenter("P" + i));
        }
        for (Joined f : flooders) {
            for (int i = 0; i < perSender; i++) {
                f.client().send("{\"type\":\"signal\",\"to\":\"" + slowId + "\",\"kind\":\"offer\",\"data\":" + data
                        + "}");
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> metric("foyer_slow_consumers_total") > cutBefore);

        // The meeting carries on for everyone else.
        dana.client().send(message("chat.send").put("clientMessageId", "after").put("text", "still flowing"));
        assertThat(olive.client().awaitType("chat").get("text").asText()).isEqualTo("still flowing");
        olive.client().send(message("signal").put("to", dana.participantId()).put("kind", "ice")
                .set("data", message("candidate")));
        assertThat(dana.client().awaitType("signal").get("from").asText()).isEqualTo(olive.participantId());
        for (Joined f : flooders) {
            f.client().roundTrip("healthy");
        }

        // Reading again, the slow client finds the close; the backlog it could not take was dropped.
        int frames = 0;
        RawWebSocket.Frame close = null;
        for (RawWebSocket.Frame f = slow.readFrame(); f != null; f = slow.readFrame()) {
            if (f.isClose()) {
                close = f;
                break;
            }
            frames++;
        }
        assertThat(close).as("a close frame after %d frames", frames).isNotNull();
        assertThat(close.closeCode()).isEqualTo(4100);
        assertThat(frames).isLessThan(SignalingEndpoint.MAX_QUEUED_FRAMES);
        slow.close();

        // 4100 invites a resume, and it works.
        WsClient back = WsClient.connect(s.signalingUrl());
        back.send(message("resume").put("v", 1).put("resumeToken", joined.get("resumeToken").asText())
                .put("lastSeq", joined.get("seq").asLong()));
        assertThat(back.awaitType("joined").get("participantId").asText()).isEqualTo(slowId);
        back.close();
        flooders.forEach(f -> f.client().close());
        LobbyFlowTest.close(dana, olive);
    }

    // Last too, with the other flood.
    @Test
    @Order(3)
    void clientThatStopsReadingIsCutOffByQueuedBytesLongBeforeTheFrameBound() throws Exception {
        MeetingScenario s = new MeetingScenario(server, MeetingScenario.EVERYONE_ENTERS);
        Joined dana = s.presenter("Dana");
        RawWebSocket slow = RawWebSocket.connect(s.signalingUrl(), 4096);
        slow.sendText(message("join").put("v", 1).put("token", s.guestToken("slow")).put("displayName", "Sloth")
                .toString());
        String slowId = JSON.readTree(slow.awaitText("\"joined\"")).get("participantId").asText();
        double cutBefore = metric("foyer_slow_consumers_total");
        // 960 signals of 30 KiB: fewer frames than the frame bound (1,024), but 28 MiB, far more
        // than the byte bound (8 MiB) and the socket buffers of a loopback connection together.
        String data = "{\"sdp\":\"" + "b".repeat(30 * 1024 - 20) + "\"}";
        int senders = 24;
        int perSender = 40;
        assertThat(senders * perSender).isLessThan(SignalingEndpoint.MAX_QUEUED_FRAMES);
        List<Joined> flooders = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            flooders.add(s.presenter("Q" + i));
        }
        for (Joined f : flooders) {
            for (int i = 0; i < perSender; i++) {
                f.client().send("{\"type\":\"signal\",\"to\":\"" + slowId + "\",\"kind\":\"offer\",\"data\":"
                        + data + "}");
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> metric("foyer_slow_consumers_total") > cutBefore);
        for (Joined f : flooders) {
            f.client().roundTrip("healthy");
        }
        RawWebSocket.Frame close = null;
        for (RawWebSocket.Frame f = slow.readFrame(); f != null; f = slow.readFrame()) {
            if (f.isClose()) {
                close = f;
                break;
            }
        }
        assertThat(close).isNotNull();
        assertThat(close.closeCode()).isEqualTo(4100);
        slow.close();
        flooders.forEach(f -> f.client().close());
        dana.client().close();
    }

    @Test
    @Order(1)
    void fiftyClientsReceiveEveryChatInTheSameOrder() {
        MeetingScenario s = new MeetingScenario(server, MeetingScenario.EVERYONE_ENTERS);
        List<Joined> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Joined c = s.join(s.guestToken("crowd-" + i), "Guest " + i);
            assertThat(c.joined().get("state").asText()).isEqualTo("established");
            c.client().awaitType("snapshot");
            clients.add(c);
        }
        // Five talkers at once, ten lines each (the chat burst), interleaved on the wire.
        int talkers = 5;
        int lines = 10;
        for (int n = 0; n < lines; n++) {
            for (int t = 0; t < talkers; t++) {
                clients.get(t * 10).client().send(message("chat.send").put("clientMessageId", "t" + t + "-" + n)
                        .put("text", "line " + n + " from talker " + t));
            }
        }
        List<String> reference = null;
        for (Joined c : clients) {
            List<String> order = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < talkers * lines; i++) {
                JsonNode chat = c.client().awaitType("chat");
                order.add(chat.get("messageId").asText());
                seqs.add(chat.get("seq").asLong());
            }
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            if (reference == null) {
                reference = order;
                assertThat(order).doesNotHaveDuplicates();
            } else {
                assertThat(order).as("order seen by " + c.participantId()).isEqualTo(reference);
            }
        }
        clients.forEach(c -> c.client().close());
    }

    @Test
    @Order(2)
    void framesThatQueueBehindASlowReaderArriveAllAndInOrderOnceItReads() throws Exception {
        MeetingScenario s = new MeetingScenario(server, MeetingScenario.EVERYONE_ENTERS);
        RawWebSocket lagging = RawWebSocket.connect(s.signalingUrl(), 4096);
        lagging.sendText(message("join").put("v", 1).put("token", s.guestToken("lagging")).put("displayName", "Lag")
                .toString());
        String laggingId = JSON.readTree(lagging.awaitText("\"joined\"")).get("participantId").asText();
        // ~5.8 MB of signals while it reads nothing: more than the socket buffers hold, so hundreds
        // of frames wait in its outbound queue and leave in batched writes (fewer than the 1,024
        // frames or 8 MiB that would cut it off).
        int senders = 12;
        int perSender = 30;
        String padding = "a".repeat(16 * 1024);
        List<Joined> presenters = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            presenters.add(s.presenter("Q" + i));
        }
        for (int n = 0; n < perSender; n++) {
            for (Joined p : presenters) {
                p.client().send("{\"type\":\"signal\",\"to\":\"" + laggingId + "\",\"kind\":\"offer\",\"data\":"
                        + "{\"n\":" + n + ",\"sdp\":\"" + padding + "\"}}");
            }
        }
        for (Joined p : presenters) {
            p.client().roundTrip("sent");
        }

        java.util.Map<String, Integer> lastSeen = new java.util.HashMap<>();
        int received = 0;
        while (received < senders * perSender) {
            RawWebSocket.Frame f = lagging.readFrame();
            assertThat(f).as("frame %d of %d", received, senders * perSender).isNotNull();
            assertThat(f.isClose()).as("closed after %d frames", received).isFalse();
            JsonNode m = JSON.readTree(f.text());
            if (!m.get("type").asText().equals("signal")) {
                continue;
            }
            int n = m.get("data").get("n").asInt();
            Integer before = lastSeen.put(m.get("from").asText(), n);
            assertThat(n).as("next signal from %s", m.get("from").asText()).isEqualTo(before == null ? 0 : before + 1);
            received++;
        }
        assertThat(lastSeen).hasSize(senders).allSatisfy((from, n) -> assertThat(n).isEqualTo(perSender - 1));
        lagging.close();
        presenters.forEach(p -> p.client().close());
    }

    @Test
    @Order(2)
    void metricsShowLiveMeetingsJoinTimeAndFanout() {
        MeetingScenario s = new MeetingScenario(server, MeetingScenario.EVERYONE_ENTERS);
        Joined dana = s.presenter("Dana");
        Joined ada = s.join(s.guestToken("metrics-1"), "Ada");
        ada.client().awaitType("snapshot");
        double deliveriesBefore = metric("foyer_fanout_deliveries_total");
        dana.client().send(message("chat.send").put("clientMessageId", "m").put("text", "counted"));
        ada.client().awaitType("chat");

        assertThat(metric("foyer_live_meetings")).isGreaterThanOrEqualTo(1);
        assertThat(metric("foyer_join_time_seconds_count")).isGreaterThanOrEqualTo(2);
        assertThat(metric("foyer_fanout_deliveries_total")).isGreaterThanOrEqualTo(deliveriesBefore + 3);
        LobbyFlowTest.close(dana, ada);
    }

    /** The value of an untagged series on /metrics. */
    private static double metric(String name) {
        String body = server.api().get("/metrics").body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(body);
        if (!m.find()) {
            throw new AssertionError(name + " not on /metrics:\n" + body.lines()
                    .filter(l -> l.startsWith("foyer_")).toList());
        }
        return Double.parseDouble(m.group(1));
    }
}
