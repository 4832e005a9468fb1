package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that says {@code "batch": true} in its join gets what leaves the server together as
 * one {@code batch} frame; a client that does not gets the same messages frame by frame. Roster
 * changes wait a second here (the longest {@code roster-delay}), so that several joins surely
 * gather before they are written.
 */
class BatchFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.rosterDelay(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMeetingsRushReachesABatchReaderAsOneFrameAndOthersFrameByFrame() {
        MeetingScenario scenario = new MeetingScenario(server);
        WsClient ada = batchReader(scenario, "Ada");
        Joined bob = scenario.presenter("Bob");
        List<Joined> rush = List.of(scenario.presenter("Cy"), scenario.presenter("Di"), scenario.presenter("Ed"));
        Joined ed = rush.get(2);

        ada.await(frame -> messages(frame).stream().anyMatch(RosterDelayTest.joinOf(ed)), "Ed's join");
        bob.client().await(RosterDelayTest.joinOf(ed), "Ed's join");

        List<JsonNode> adaFrames = ada.seen();
        assertThat(adaFrames).as("Ada's frames: the rush of joins came batched")
                .anySatisfy(f -> assertThat(joins(List.of(f)).size()).isGreaterThanOrEqualTo(2));
        List<JsonNode> toldAda = joins(adaFrames);
        assertThat(names(toldAda)).containsExactly("Bob", "Cy", "Di", "Ed");
        for (int i = 1; i < toldAda.size(); i++) {
            assertThat(toldAda.get(i).get("seq").asLong()).as("seq order")
                    .isGreaterThan(toldAda.get(i - 1).get("seq").asLong());
        }

        List<JsonNode> bobFrames = bob.client().seen();
        assertThat(bobFrames).as("Bob did not ask for batches").noneMatch(f -> "batch".equals(f.path("type").asText()));
        assertThat(joins(bobFrames)).as("the same messages, each a frame of its own")
                .containsExactlyElementsOf(toldAda.subList(1, toldAda.size()));
    }

    @Test
    void whoJoinedDuringTheRushGetsTheRestAsTheTailOfTheBatchEveryoneElseGot() throws Exception {
        MeetingScenario scenario = new MeetingScenario(server);
        WsClient ada = batchReader(scenario, "Ada");
        List<FrameClient> rush = new ArrayList<>();
        for (String name : List.of("Bea", "Cy", "Di")) {
            rush.add(FrameClient.join(scenario, name));
        }
        Joined ed = scenario.presenter("Ed");

        ada.await(frame -> messages(frame).stream().anyMatch(RosterDelayTest.joinOf(ed)), "Ed's join");
        List<String> toldAda = names(joins(ada.seen()));
        assertThat(toldAda).containsExactly("Bea", "Cy", "Di", "Ed");
        for (int i = 0; i < rush.size(); i++) {
            FrameClient newcomer = rush.get(i);
            List<JsonNode> told = newcomer.awaitJoinOf(ed.participantId());
            assertThat(names(joins(told))).as("what %s heard of, in order", newcomer.name)
                    .containsExactlyElementsOf(toldAda.subList(i + 1, toldAda.size()));
        }
        // Bea and Cy joined while Di's and Ed's joins waited to be told: each got the rest of the
        // batch Ada got, after its head, as one message in two frames (Di, with one change left,
        // got it as it was).
        for (FrameClient newcomer : rush.subList(0, 2)) {
            assertThat(newcomer.firstPieces()).as("%s's messages' first frames", newcomer.name)
                    .contains("{\"type\":\"batch\",\"events\":[");
        }
    }

    /**
     * A batch-reading client on the JDK's WebSocket, which hands over each frame as it comes
     * (OkHttp, as the SDK's, puts a message's frames together first).
     */
    private static final class FrameClient implements WebSocket.Listener {
        private final String name;
        private final List<String> firstPieces = new CopyOnWriteArrayList<>();
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder message = new StringBuilder();
        private boolean inMessage;

        private FrameClient(String name) {
            this.name = name;
        }

        static FrameClient join(MeetingScenario scenario, String name) throws Exception {
            FrameClient client = new FrameClient(name);
            String token = scenario.staffToken("staff-" + name, name, "presenter");
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(scenario.signalingUrl(token)), client).get(10, TimeUnit.SECONDS);
            socket.sendText(message("join").put("v", 1).put("token", token).put("displayName", name)
                    .put("batch", true).toString(), true).get(10, TimeUnit.SECONDS);
            client.awaitMessage(m -> "snapshot".equals(m.path("type").asText()));
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (!inMessage) {
                firstPieces.add(data.toString());
            }
            message.append(data);
            inMessage = !last;
            if (last) {
                try {
                    JsonNode whole = JSON.readTree(message.toString());
                    messages.addAll(BatchFlowTest.messages(whole));
                } catch (IOException e) {
                    messages.add(JSON.createObjectNode().put("type", "unparseable"));
                }
                message.setLength(0);
            }
            socket.request(1);
            return null;
        }

        List<String> firstPieces() {
            return firstPieces;
        }

        /** Every message up to and including the {@code participant.joined} of {@code participantId}. */
        List<JsonNode> awaitJoinOf(String participantId) throws InterruptedException {
            return awaitMessage(m -> "participant.joined".equals(m.path("type").asText())
                    && participantId.equals(m.path("participant").path("participantId").asText()));
        }

        private final List<JsonNode> received = new ArrayList<>();

        private List<JsonNode> awaitMessage(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
                if (m != null) {
                    received.add(m);
                    assertThat(m.path("type").asText()).as("%s got a whole message", name).isNotEqualTo("unparseable");
                    if (wanted.test(m)) {
                        return List.copyOf(received);
                    }
                }
            }
            throw new AssertionError(name + " waited in vain; received " + received);
        }
    }

    /** A presenter joined on OkHttp (as the SDK), asking for batches, once its snapshot is in. */
    private static WsClient batchReader(MeetingScenario scenario, String name) {
        String token = scenario.staffToken("staff-" + name, name, "presenter");
        WsClient client = WsClient.connect(scenario.signalingUrl(token));
        client.send(message("join").put("v", 1).put("token", token).put("displayName", name).put("batch", true));
        client.await(frame -> messages(frame).stream().anyMatch(m -> "snapshot".equals(m.path("type").asText())),
                name + "'s snapshot (perhaps in one batch with the joined)");
        return client;
    }

    private static List<String> names(List<JsonNode> joins) {
        return joins.stream().map(m -> m.get("participant").get("displayName").asText()).toList();
    }

    /** The messages a frame holds: a batch's events, or the frame itself. */
    private static List<JsonNode> messages(JsonNode frame) {
        List<JsonNode> out = new ArrayList<>();
        if ("batch".equals(frame.path("type").asText())) {
            frame.get("events").forEach(out::add);
        } else {
            out.add(frame);
        }
        return out;
    }

    /** The {@code participant.joined} messages in {@code frames}, batches opened, in order. */
    private static List<JsonNode> joins(List<JsonNode> frames) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode frame : frames) {
            for (JsonNode m : messages(frame)) {
                if ("participant.joined".equals(m.path("type").asText())) {
                    out.add(m);
                }
            }
        }
        return out;
    }
}
