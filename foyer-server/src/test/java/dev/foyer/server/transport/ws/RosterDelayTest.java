package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Roster changes wait up to {@code roster-delay} to share a write with others to the same
 * recipient, over real WebSockets; anything else for that recipient takes them along, in order.
 * The delay here is a second (the longest allowed), so that what the clients see cannot be the
 * scheduler's doing.
 */
class RosterDelayTest {
    private static final Duration DELAY = Duration.ofSeconds(1);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.rosterDelay(DELAY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aJoinIsToldToThoseAlreadyInOnceTheDelayIsUp() {
        MeetingScenario scenario = new MeetingScenario(server);
        Joined ada = scenario.presenter("Ada");
        long start = System.nanoTime();

        Joined bea = scenario.presenter("Bea");
        JsonNode told = ada.client().await(joinOf(bea), "participant.joined of Bea");

        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(waitedMillis).as("ms until Ada heard of Bea").isGreaterThanOrEqualTo(DELAY.toMillis() - 100);
        assertThat(told.get("participant").get("displayName").asText()).isEqualTo("Bea");
        assertThat(bea.joined().get("type").asText()).as("the joiner's own answer does not wait").isEqualTo("joined");
    }

    @Test
    void anyOtherFrameTakesTheWaitingChangesAlongInOrder() {
        MeetingScenario scenario = new MeetingScenario(server);
        Joined ada = scenario.presenter("Ada");
        Joined cy = scenario.presenter("Cy");
        long start = System.nanoTime();

        ada.client().send(message("chat.send").put("clientMessageId", "c-1").put("text", "welcome"));
        JsonNode ack = ada.client().awaitType("chat.ack");

        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMillis).as("ms until the ack").isLessThan(DELAY.toMillis() - 100);
        List<JsonNode> seen = ada.client().seen();
        int toldOfCy = indexOf(seen, "participant.joined");
        assertThat(toldOfCy).as("Cy's join, taken along by the chat").isNotNegative();
        assertThat(seen.get(toldOfCy).get("participant").get("participantId").asText()).isEqualTo(cy.participantId());
        assertThat(toldOfCy).as("before the ack").isLessThan(seen.indexOf(ack));
        assertThat(seen.get(toldOfCy).get("seq").asLong()).isLessThan(ack.get("seq").asLong());
    }

    /** The {@code participant.joined} that tells of {@code who}. */
    static java.util.function.Predicate<JsonNode> joinOf(Joined who) {
        return m -> "participant.joined".equals(m.path("type").asText())
                && who.participantId().equals(m.path("participant").path("participantId").asText());
    }

    private static int indexOf(List<JsonNode> frames, String type) {
        for (int i = 0; i < frames.size(); i++) {
            if (type.equals(frames.get(i).path("type").asText())) {
                return i;
            }
        }
        return -1;
    }
}
