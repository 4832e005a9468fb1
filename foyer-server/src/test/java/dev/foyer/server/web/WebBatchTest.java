package dev.foyer.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.WsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The browser SDK asks for {@code batch} frames and shows every message in them: on a server whose
 * roster changes wait a second, a rush of joins reaches the join page as one frame, and everyone
 * who joined is on the page's list.
 */
class WebBatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BrowserRig rig;

    @BeforeAll
    static void start() {
        rig = BrowserRig.start(b -> b.rosterDelay(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aRushOfJoinsReachesThePageAsABatchAndEveryoneIsListed(TestInfo info) {
        MeetingScenario scenario = new MeetingScenario(rig.server(),
                "{\"subject\":\"Rush\",\"accessLevel\":\"Everyone\",\"lobbyBypass\":\"Everyone\"}");
        List<String> sent = new CopyOnWriteArrayList<>();
        List<String> received = new CopyOnWriteArrayList<>();
        try (BrowserContext context = rig.chromium().phone()) {
            MeetPage guest = new MeetPage(context, "guest", info.getTestMethod().orElseThrow().getName(),
                    new AtomicInteger());
            guest.page.onWebSocket(ws -> {
                ws.onFrameSent(f -> sent.add(f.text()));
                ws.onFrameReceived(f -> received.add(f.text()));
            });
            guest.open(scenario.meeting().get("joinUrl").asText()).join("Grace");
            guest.expectScreen("meeting");

            List<WsClient> staff = new ArrayList<>();
            for (String name : List.of("Ada", "Bea", "Cy")) {
                staff.add(scenario.presenter(name).client());
            }
            for (String name : List.of("Ada", "Bea", "Cy")) {
                assertThat(guest.person(name)).isVisible();
            }
            guest.screenshot("rush-listed");

            assertThat(sent).as("the page's join asks for batches")
                    .anySatisfy(f -> {
                        assertThat(json(f).path("type").asText()).isEqualTo("join");
                        assertThat(json(f).path("batch").asBoolean()).isTrue();
                    });
            assertThat(received).as("the rush came as one batch")
                    .anySatisfy(f -> assertThat(joinsIn(json(f))).isGreaterThanOrEqualTo(2));
            assertThat(guest.console()).doesNotContain("pageerror");
            staff.forEach(WsClient::close);
        }
    }

    private static int joinsIn(JsonNode frame) {
        int n = 0;
        if ("batch".equals(frame.path("type").asText())) {
            for (JsonNode m : frame.get("events")) {
                n += "participant.joined".equals(m.path("type").asText()) ? 1 : 0;
            }
        }
        return n;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
