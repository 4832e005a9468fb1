package dev.foyer.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.WebSocketRoute;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.WsClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What a browser guest is told when it does not get in, or is put out: denied, removed, meeting
 * ended, a used link, a meeting for invited people only, a camera the browser refused, and a
 * server too busy to admit the join (asked again, up to three times). The presenter here is a
 * plain WebSocket client.
 */
class WebGuestOutcomesTest {
    private static BrowserRig rig;
    private final Windows windows = new Windows();

    @BeforeAll
    static void start() {
        rig = BrowserRig.start();
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @AfterEach
    void closeWindows() {
        windows.close();
    }

    private MeetPage window(String who, TestInfo info) {
        return windows.open(rig.chromium().phone(), who, info.getTestMethod().orElseThrow().getName());
    }

    @Test
    void guestsAreToldWhyTheyAreNotOrNoLongerInTheMeeting(TestInfo info) {
        MeetingScenario scenario = new MeetingScenario(rig.server(), "{\"subject\":\"Outcomes\",\"accessLevel\":\"Everyone\"}");
        String joinUrl = scenario.meeting().get("joinUrl").asText();
        WsClient presenter = scenario.presenter("Dana Advisor").client();

        MeetPage denied = window("denied", info).open(joinUrl).join("Eve");
        denied.expectScreen("lobby");
        presenter.send(WsClient.message("lobby.deny").put("participantId", waiting(presenter))
                .put("reason", "please book an appointment"));
        denied.expectScreen("over");
        assertThat(denied.page.locator("#over-title")).hasText("You were not let in");
        assertThat(denied.page.locator("#over-message")).containsText("please book an appointment");
        assertThat(denied.page.locator("#rejoin")).isVisible();
        denied.screenshot("denied");

        // The browser refuses the camera: the guest may still join, chat, and is told why nobody sees it.
        MeetPage noCamera = window("no-camera", info);
        noCamera.page.addInitScript("navigator.mediaDevices.getUserMedia = () => "
                + "Promise.reject(new DOMException('refused', 'NotAllowedError'));");
        noCamera.open(joinUrl);
        assertThat(noCamera.page.locator("#prejoin-message")).containsText("access was refused");
        noCamera.screenshot("camera-refused");
        noCamera.join("Finn");
        noCamera.expectScreen("lobby");
        String finn = waiting(presenter);
        presenter.send(WsClient.message("lobby.admit").put("participantId", finn));
        noCamera.expectScreen("meeting");
        assertThat(noCamera.button("Unmute")).isDisabled();
        assertThat(noCamera.button("Start camera")).isDisabled();
        noCamera.say("I can only type");
        noCamera.expectChat("Finn", "I can only type");
        presenter.send(WsClient.message("participant.remove").put("participantId", finn));
        noCamera.expectScreen("over");
        assertThat(noCamera.page.locator("#over-title")).hasText("You were removed from the meeting");
        assertThat(noCamera.page.locator("#rejoin")).isHidden();
        noCamera.screenshot("removed");

        // A staff link whose token was used already.
        String used = scenario.staffToken("advisor-used", "Uma", "presenter");
        scenario.join(used, "Uma").client().close();
        MeetPage stale = window("used-token", info).open(joinUrl + "#token=" + used).join("Uma");
        stale.expectScreen("over");
        assertThat(stale.page.locator("#over-message")).hasText("This meeting link can no longer be used. Ask for a new one.");
        stale.screenshot("used-token");

        MeetPage ended = window("ended", info).open(joinUrl).join("Gus");
        ended.expectScreen("lobby");
        presenter.send(WsClient.message("meeting.end").put("reason", "closing time"));
        ended.expectScreen("over");
        assertThat(ended.page.locator("#over-title")).hasText("The meeting has ended");
        assertThat(ended.page.locator("#over-message")).containsText("closing time");
        ended.screenshot("ended");
    }

    @Test
    void aMeetingForInvitedPeopleOnlySaysSoBeforeAnyoneTriesToJoin(TestInfo info) {
        MeetingScenario scenario = new MeetingScenario(rig.server(), "{\"subject\":\"Private\",\"accessLevel\":\"Invited\"}");
        MeetPage page = window("invited-only", info).open(scenario.meeting().get("joinUrl").asText());
        page.expectScreen("prejoin");
        assertThat(page.page.locator("#prejoin-message")).containsText("invited participants only");
        assertThat(page.button("Join")).isDisabled();
        page.screenshot("invited-only");
    }

    @Test
    void aJoinTheServerCouldNotAdmitIsSentAgainWithTheSameTokenAndTheGuestGetsIn(TestInfo info) {
        MeetingScenario scenario = new MeetingScenario(rig.server(),
                "{\"subject\":\"Busy\",\"accessLevel\":\"Everyone\",\"lobbyBypass\":\"Everyone\"}");
        MeetPage page = window("busy-then-in", info);
        List<String> joins = refusingTheFirstJoins(page, 2);

        page.open(scenario.meeting().get("joinUrl").asText()).join("Ivy");

        page.expectScreen("meeting");
        assertThat(page.person("Ivy")).isVisible();
        org.assertj.core.api.Assertions.assertThat(joins).as("the join and two retries").hasSize(3);
        org.assertj.core.api.Assertions.assertThat(joins.stream().map(WebGuestOutcomesTest::token).distinct())
                .as("one token").hasSize(1);
    }

    @Test
    void aJoinRefusedAsUnavailableAgainAndAgainEndsWithTheServersWord(TestInfo info) {
        MeetingScenario scenario = new MeetingScenario(rig.server(), "{\"subject\":\"Busy\",\"accessLevel\":\"Everyone\"}");
        MeetPage page = window("busy-for-good", info);
        List<String> joins = refusingTheFirstJoins(page, 100);

        page.open(scenario.meeting().get("joinUrl").asText()).join("Ivy");

        page.expectScreen("over");
        assertThat(page.page.locator("#over-message")).containsText("too busy");
        org.assertj.core.api.Assertions.assertThat(joins).as("the join and three retries").hasSize(4);
        page.screenshot("too-busy");
    }

    /**
     * Stands in for the server on {@code page}'s first {@code refused} signaling connections,
     * answering their {@code join} as a server too busy to admit it does (an {@code error} of code
     * {@code unavailable}, then close 4008); later connections reach the server. Returns every
     * {@code join} the page sent, in order.
     */
    private static List<String> refusingTheFirstJoins(MeetPage page, int refused) {
        List<String> joins = new CopyOnWriteArrayList<>();
        AtomicInteger connections = new AtomicInteger();
        page.page.routeWebSocket(Pattern.compile(".*/signaling/.*"), ws -> {
            boolean refuse = connections.incrementAndGet() <= refused;
            WebSocketRoute server = refuse ? null : ws.connectToServer();
            ws.onMessage(frame -> {
                if (frame.text().contains("\"type\":\"join\"")) {
                    joins.add(frame.text());
                }
                if (!refuse) {
                    server.send(frame.text());
                } else if (frame.text().contains("\"type\":\"join\"")) {
                    ws.send("{\"type\":\"error\",\"code\":\"unavailable\","
                            + "\"message\":\"the server is too busy to admit a join; try again\"}");
                    ws.close(new WebSocketRoute.CloseOptions().setCode(4008).setReason("too busy"));
                }
            });
        });
        return joins;
    }

    private static String token(String joinFrame) {
        try {
            return new ObjectMapper().readTree(joinFrame).get("token").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The id of the next guest to enter the lobby, as the presenter learns it. */
    private static String waiting(WsClient presenter) {
        JsonNode entered = presenter.awaitType("lobby.entered");
        return entered.get("participant").get("participantId").asText();
    }
}
