package dev.foyer.server.transport.ws;

import static dev.foyer.server.transport.ws.RosterDelayTest.joinOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A quiet meeting tells a roster change within {@code roster-delay}; once it has just told one,
 * the next waits until {@code roster-interval} has passed, over real WebSockets. The interval
 * here is a second (the longest allowed), so that what the clients see cannot be the scheduler's
 * doing; only lower bounds on waiting are asserted.
 */
class RosterIntervalTest {
    private static final Duration DELAY = Duration.ofMillis(50);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.rosterDelay(DELAY).rosterInterval(INTERVAL));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theFirstChangeGoesWithinTheDelayAndTheNextWaitsForTheInterval() {
        MeetingScenario scenario = new MeetingScenario(server);
        Joined ada = scenario.presenter("Ada");

        long start = System.nanoTime();
        Joined bea = scenario.presenter("Bea");
        ada.client().await(joinOf(bea), "participant.joined of Bea");
        long toldOfBea = System.nanoTime();
        assertThat((toldOfBea - start) / 1_000_000).as("ms until Ada heard of Bea, in a quiet meeting")
                .isLessThan(INTERVAL.toMillis() - 100);

        Joined cy = scenario.presenter("Cy");
        JsonNode told = ada.client().await(joinOf(cy), "participant.joined of Cy");
        long waitedMillis = (System.nanoTime() - toldOfBea) / 1_000_000;

        assertThat(waitedMillis).as("ms between Ada hearing of Bea and of Cy").isGreaterThanOrEqualTo(
                INTERVAL.toMillis() - 100);
        assertThat(told.get("seq").asLong()).isGreaterThan(0);
        assertThat(cy.joined().get("type").asText()).as("the joiner's own answer does not wait").isEqualTo("joined");
    }
}
