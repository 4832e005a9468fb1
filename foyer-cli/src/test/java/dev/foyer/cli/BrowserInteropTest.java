package dev.foyer.cli;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.web.Chromium;
import dev.foyer.server.web.MeetPage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two clients together: a guest on the web join page (browser SDK, real Chromium) and a
 * {@code foyer join} participant (Java SDK) in one meeting see each other and chat.
 */
class BrowserInteropTest {
    private static TestServer server;
    private static Chromium chromium;

    @BeforeAll
    static void start() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        server = TestServer.h2();
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        server.close();
    }

    @Test
    void aBrowserGuestAndAFoyerJoinParticipantSeeEachOtherAndChat() throws Exception {
        MeetingScenario m = new MeetingScenario(server,
                "{\"subject\":\"Interop\",\"accessLevel\":\"Everyone\",\"lobbyBypass\":\"Everyone\"}");
        String joinUrl = m.meeting().get("joinUrl").asText();
        BrowserContext context = chromium.desktop();
        MeetPage bea = new MeetPage(context, "browser", "browserInterop", new AtomicInteger());
        try (JoinCommandTest.Run carl = JoinCommandTest.Run.start("join", "--name", "Carl Cli", "--meeting-url", joinUrl,
                "--json")) {
            carl.await(e -> e.path("event").asText().equals("state") && e.path("state").asText().equals("established"));

            bea.open(joinUrl).join("Bea Browser");
            bea.expectScreen("meeting");
            JsonNode joined = carl.await(e -> e.path("event").asText().equals("participant.joined")
                    && e.path("participant").path("displayName").asText().equals("Bea Browser"));
            assertThat(joined.path("participant").path("role").asText()).isEqualTo("guest");
            assertThat(bea.person("Carl Cli")).isVisible();

            bea.say("Hello from the browser");
            JsonNode line = carl.await(e -> e.path("event").asText().equals("chat")
                    && e.path("text").asText().equals("Hello from the browser"));
            assertThat(line.path("fromName").asText()).isEqualTo("Bea Browser");
            carl.type("Hello from the command line");
            bea.expectChat("Carl Cli", "Hello from the command line");
            bea.screenshot("chat");

            carl.type("/leave");
            assertThat(carl.exitCode()).isZero();
            assertThat(bea.person("Carl Cli")).hasCount(0);
        } finally {
            System.out.println(bea.console());
            context.close();
        }
    }
}
