package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        String token = scenario.staffToken("staff-ada", "Ada", "presenter");
        WsClient ada = WsClient.connect(scenario.signalingUrl(token));
        ada.send(message("join").put("v", 1).put("token", token).put("displayName", "Ada").put("batch", true));
        ada.await(frame -> messages(frame).stream().anyMatch(m -> "snapshot".equals(m.path("type").asText())),
                "Ada's snapshot (perhaps in one batch with her joined)");
        Joined bob = scenario.presenter("Bob");
        List<Joined> rush = List.of(scenario.presenter("Cy"), scenario.presenter("Di"), scenario.presenter("Ed"));
        Joined ed = rush.get(2);

        ada.await(frame -> messages(frame).stream().anyMatch(RosterDelayTest.joinOf(ed)), "Ed's join");
        bob.client().await(RosterDelayTest.joinOf(ed), "Ed's join");

        List<JsonNode> adaFrames = ada.seen();
        assertThat(adaFrames).as("Ada's frames: the rush of joins came batched")
                .anySatisfy(f -> assertThat(joins(List.of(f)).size()).isGreaterThanOrEqualTo(2));
        List<JsonNode> toldAda = joins(adaFrames);
        assertThat(toldAda).extracting(m -> m.get("participant").get("displayName").asText())
                .containsExactly("Bob", "Cy", "Di", "Ed");
        for (int i = 1; i < toldAda.size(); i++) {
            assertThat(toldAda.get(i).get("seq").asLong()).as("seq order")
                    .isGreaterThan(toldAda.get(i - 1).get("seq").asLong());
        }

        List<JsonNode> bobFrames = bob.client().seen();
        assertThat(bobFrames).as("Bob did not ask for batches").noneMatch(f -> "batch".equals(f.path("type").asText()));
        assertThat(joins(bobFrames)).as("the same messages, each a frame of its own")
                .containsExactlyElementsOf(toldAda.subList(1, toldAda.size()));
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
