package dev.foyer.server.transport.ws;

import static dev.foyer.server.testing.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.MeetingScenario.Joined;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A quiet meeting's chat line goes at once; lines that come within {@code chat-interval} of a
 * commit wait until it has passed and go out together, over real WebSockets. The interval here is
 * a second (the longest allowed), so that what the clients see cannot be the scheduler's doing.
 */
class ChatIntervalTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.chatInterval(INTERVAL));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void say(Joined who, String text) {
        who.client().send(message("chat.send").put("clientMessageId", text).put("text", text));
    }

    private static long heard(WsClient client, String text) {
        JsonNode chat = client.await(m -> "chat".equals(m.path("type").asText())
                && text.equals(m.path("text").asText()), "chat " + text);
        assertThat(chat.get("messageId").asText()).isNotEmpty();
        return System.nanoTime();
    }

    private static void acked(Joined who, String text) {
        who.client().await(m -> "chat.ack".equals(m.path("type").asText())
                && text.equals(m.path("clientMessageId").asText()), "the ack of " + text);
    }

    @Test
    void aQuietMeetingsLineGoesAtOnceAndLinesRightAfterWaitForTheIntervalTogether() {
        MeetingScenario scenario = new MeetingScenario(server);
        Joined ada = scenario.presenter("Ada");
        Joined bea = scenario.presenter("Bea");

        long sent = System.nanoTime();
        say(ada, "first");
        long first = heard(bea.client(), "first");
        assertThat((first - sent) / 1_000_000).as("ms until Bea heard a quiet meeting's line")
                .isLessThan(INTERVAL.toMillis() - 100);

        say(ada, "second");
        say(ada, "third");
        long second = heard(bea.client(), "second");
        long third = heard(bea.client(), "third");
        // The first line was committed after it was sent, and the next batch waits a whole interval from then.
        assertThat((second - sent) / 1_000_000).as("ms between sending the first line and Bea hearing the second")
                .isGreaterThanOrEqualTo(INTERVAL.toMillis());
        assertThat(first).isLessThan(second);
        assertThat((third - second) / 1_000_000).as("ms between the second and third, committed together")
                .isLessThan(INTERVAL.toMillis() / 2);
        acked(ada, "third");
    }

    /**
     * A server that stops does not wait out the interval, nor drop what waits for it: the line
     * that waited is stored and delivered, then every client is told the server is going (4101).
     */
    @Test
    void aServerThatStopsDeliversTheLineThatWaitedAndThenCloses() {
        TestServer own = TestServer.h2(b -> b.chatInterval(INTERVAL));
        MeetingScenario scenario = new MeetingScenario(own);
        Joined ada = scenario.presenter("Ada");
        Joined bea = scenario.presenter("Bea");
        say(ada, "first");
        heard(bea.client(), "first");
        acked(ada, "first");

        say(ada, "waiting"); // waits for the interval: the previous line was just committed
        ada.client().noneOf("chat.ack", Duration.ofMillis(200)); // it is waiting
        long stopping = System.nanoTime();
        own.close();
        heard(bea.client(), "waiting");
        assertThat(bea.client().awaitClose()).isEqualTo(4101);
        assertThat((System.nanoTime() - stopping) / 1_000_000).as("ms until Bea heard the line and the close")
                .isLessThan(INTERVAL.toMillis());
    }

    /**
     * A line and a resume that wait for the interval together run in one batch, the line first:
     * the line was addressed to the participant before the new connection spoke for it, and
     * reaches it once, in its replay (it came twice, live and replayed, before item 68).
     */
    @Test
    void aResumeInTheSameBatchAsALineGetsTheLineOnceInItsReplay() {
        MeetingScenario scenario = new MeetingScenario(server);
        Joined ada = scenario.presenter("Ada");
        Joined bea = scenario.presenter("Bea");
        say(ada, "before");
        heard(bea.client(), "before");
        long lastSeq = bea.client().lastSeq();
        bea.client().drop();

        say(ada, "while away"); // waits for the interval: the previous line was just committed
        WsClient back = WsClient.connect(scenario.signalingUrl());
        back.send(message("resume").put("v", 1).put("resumeToken", bea.resumeToken()).put("lastSeq", lastSeq));
        assertThat(back.awaitType("joined").get("participantId").asText()).isEqualTo(bea.participantId());
        heard(back, "while away");
        back.roundTrip("after");
        assertThat(back.seen("chat")).extracting(m -> m.get("text").asText()).containsExactly("while away");
        back.close();
        ada.client().close();
    }
}
