package dev.foyer.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import dev.foyer.server.testing.MeetingScenario;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Two browser guests and a presenter on the web join page, in real Chromium with fake camera and
 * microphone: lobby, admission from the page, audio and video both ways, chat, screen share, mute,
 * leave.
 * Screenshots of each step go to target/screenshots/.
 */
class WebGuestMeetingTest {
    private static BrowserRig rig;
    private final Windows windows = new Windows();
    private String testName;

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

    private MeetPage window(BrowserContext context, String who) {
        return windows.open(context, who, testName);
    }

    @Test
    void twoGuestsWaitAreAdmittedAndMeetThePresenterWithMediaChatScreenShareMuteAndLeave(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        MeetingScenario scenario = new MeetingScenario(rig.server(),
                "{\"subject\":\"Mortgage advice\",\"accessLevel\":\"Everyone\",\"lobbyBypass\":\"Leaders\"}");
        String joinUrl = scenario.meeting().get("joinUrl").asText();
        String staffToken = scenario.staffToken("advisor-1", "Dana Advisor", "presenter");

        MeetPage dana = window(rig.chromium().desktop(), "presenter").open(joinUrl + "#token=" + staffToken);
        assertThat(dana.page.url()).doesNotContain("token");
        dana.screenshot("prejoin");
        dana.join("Dana Advisor");
        dana.expectScreen("meeting");
        assertThat(dana.page.locator("#lobby-panel")).isVisible();

        // A name that would be markup if it were ever rendered as HTML.
        String adaName = "Ada <img src=x onerror=alert(1)>";
        MeetPage ada = window(rig.chromium().desktop(), "guest-ada").open(joinUrl);
        ada.join(adaName);
        ada.expectScreen("lobby");
        assertThat(ada.page.locator("#lobby-title")).hasText("You are in the lobby");
        assertThat(ada.page.locator("#lobby-reason")).containsText("presenter");
        assertThat(ada.page.locator("#lobby-timeout")).containsText("If nobody lets you in by");
        ada.screenshot("lobby");

        assertThat(dana.waiting(adaName)).isVisible();
        dana.screenshot("lobby-list");
        dana.button("Admit " + adaName).click();
        ada.expectScreen("meeting");

        MeetPage bob = window(rig.chromium().phone(), "guest-bob-phone").open(joinUrl);
        bob.screenshot("prejoin-phone");
        bob.join("Bob");
        bob.expectScreen("lobby");
        bob.screenshot("lobby-phone");
        dana.button("Admit Bob").click();
        bob.expectScreen("meeting");

        for (MeetPage p : List.of(dana, ada, bob)) {
            assertThat(p.page.locator("#people-list li")).hasCount(3);
        }
        assertThat(dana.person(adaName).locator(".name")).hasText(adaName);
        assertThat(dana.page.locator("#people-list img, #lobby-list img, #tiles img")).hasCount(0);
        assertThat(bob.person("Dana Advisor").locator(".role")).hasText("Presenter");
        assertThat(bob.person("Bob").locator(".role")).hasText("Guest");

        for (MeetPage p : List.of(dana, ada, bob)) {
            p.awaitMediaFromOthers(2);
        }
        dana.screenshot("meeting-media");
        ada.screenshot("meeting-media");
        bob.screenshot("meeting-media-phone");

        ada.say("Hello from Ada");
        dana.say("<b>Welcome</b>, both of you");
        for (MeetPage p : List.of(dana, ada, bob)) {
            p.expectChat(adaName, "Hello from Ada");
            p.expectChat("Dana Advisor", "<b>Welcome</b>, both of you");
        }
        assertThat(bob.page.locator("#chat-log b")).hasCount(0);
        bob.screenshot("chat-phone");

        // Ada shares her screen (getDisplayMedia) in place of her camera; the roster says so.
        ada.button("Share screen").click();
        assertThat(ada.button("Stop sharing")).isVisible();
        assertThat(dana.person(adaName)).hasAttribute("data-screen-sharing", "true");
        assertThat(dana.person(adaName).locator(".status")).containsText("sharing screen");
        ada.screenshot("sharing-screen");
        dana.screenshot("sees-screen-share");
        ada.button("Stop sharing").click();
        assertThat(dana.person(adaName)).hasAttribute("data-screen-sharing", "false");

        // Ada mutes herself; the others' rosters show it.
        ada.button("Mute").click();
        assertThat(dana.person(adaName)).hasAttribute("data-audio-muted", "true");
        assertThat(bob.person(adaName)).hasAttribute("data-audio-muted", "true");

        // The presenter asks Bob to mute; Bob's client mutes and everyone sees it.
        assertThat(dana.person("Bob")).hasAttribute("data-audio-muted", "false");
        dana.button("Mute Bob").click();
        assertThat(bob.button("Unmute")).isVisible();
        assertThat(bob.page.locator("#banner")).containsText("muted your microphone");
        assertThat(dana.person("Bob")).hasAttribute("data-audio-muted", "true");
        assertThat(ada.person("Bob")).hasAttribute("data-audio-muted", "true");
        dana.screenshot("muted");

        // Bob leaves; the roster follows on both other sides.
        bob.button("Leave").click();
        bob.expectScreen("over");
        assertThat(bob.page.locator("#over-title")).hasText("You left the meeting");
        bob.screenshot("left-phone");
        for (MeetPage p : List.of(dana, ada)) {
            assertThat(p.page.locator("#people-list li")).hasCount(2);
            assertThat(p.person("Bob")).hasCount(0);
            assertThat(p.page.locator("#tiles figure")).hasCount(2);
        }
        dana.screenshot("after-leave");
    }
}
