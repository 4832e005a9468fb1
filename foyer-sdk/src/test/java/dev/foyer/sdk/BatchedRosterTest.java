package dev.foyer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK asks for {@code batch} frames and applies each message in them: on a server whose roster
 * changes wait a second (so that a rush of joins reaches the SDK as batches; the server's
 * BatchFlowTest shows it sends them), everyone who joined is in the roster, told once each, in
 * order.
 */
class BatchedRosterTest {
    private static WireTap tap;
    private static TestServer server;
    private static ExecutorService appMain;
    private static FoyerClient foyer;

    @BeforeAll
    static void start() throws IOException {
        tap = new WireTap();
        server = TestServer.h2(b -> b.publicUrl(URI.create(tap.url())).rosterDelay(Duration.ofSeconds(1)));
        tap.start(server.server().port());
        appMain = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-main"));
        foyer = new FoyerClient.Builder().callbackExecutor(appMain).build();
    }

    @AfterAll
    static void stop() throws Exception {
        foyer.close();
        appMain.shutdownNow();
        server.close();
        tap.close();
    }

    @Test
    void aRushOfJoinsReachesTheRosterOnceEachInOrder() {
        MeetingScenario m = new MeetingScenario(server, ConversationTest.OPEN);
        RecordingListener rec = new RecordingListener("visitor");
        Conversation guest = foyer.joinMeetingAnonymously("Grace Guest", null,
                m.guestToken("visitor-" + UUID.randomUUID()), tap.url() + "/discover", rec);
        rec.awaitState(ConversationState.ESTABLISHED);

        JsonNode join = TappedServer.json(tap.await("the join frame",
                e -> e.type() == WireTap.Type.FRAME && e.frame().isText()
                        && e.frame().text().contains("\"join\"")).frame());
        assertThat(join.path("batch").asBoolean()).as("the SDK asks for batches").isTrue();

        List<String> names = List.of("Ada", "Bea", "Cy", "Di");
        List<MeetingScenario.Joined> staff = new ArrayList<>();
        for (String name : names) {
            staff.add(m.presenter(name));
        }
        List<String> told = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            told.add(rec.<Participant>await("participantJoined").displayName());
        }

        assertThat(told).containsExactlyElementsOf(names);
        assertThat(guest.participants()).extracting(Participant::displayName)
                .containsExactlyInAnyOrder("Grace Guest", "Ada", "Bea", "Cy", "Di");
        guest.leave();
        staff.forEach(s -> s.client().close());
    }
}
