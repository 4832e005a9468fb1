package dev.foyer.examples.contoso;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.web.Chromium;
import dev.foyer.server.web.MeetPage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole demo in real Chromium: a visitor signs in on the sample's page and waits in Foyer's
 * lobby (Foyer's browser SDK loaded cross-origin, its token bound to the sample's origin); the
 * advisor's console shows them live, the advisor joins on Foyer's page from the console, lets
 * them in, and the two chat. Screenshots go to target/screenshots/.
 */
class ContosoBrowserTest {
    private static final String TEST = "contosoVisit";
    private static TestServer foyer;
    private static ContosoFixture sample;
    private static Chromium chromium;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<MeetPage> pages = new ArrayList<>();
    private final AtomicInteger steps = new AtomicInteger();

    @BeforeAll
    static void start() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        foyer = TestServer.h2(b -> b.webhooksAllowPrivate(true));
        sample = new ContosoFixture(foyer, 5);
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        sample.close();
        foyer.close();
    }

    @AfterEach
    void closeWindows() {
        pages.forEach(p -> System.out.println(p.console()));
        contexts.forEach(BrowserContext::close);
    }

    private MeetPage window(String who) {
        BrowserContext context = chromium.desktop();
        contexts.add(context);
        MeetPage page = new MeetPage(context, who, TEST, steps);
        pages.add(page);
        return page;
    }

    @Test
    void visitorSignsInWaitsIsSeenByTheAdvisorIsLetInAndTheyChat() {
        MeetPage visitor = window("visitor").open(sample.origin() + "/");
        signIn(visitor.page, "vera", "vera-visits");
        expect(visitor.page, "() => document.body.dataset.screen === 'home'");
        visitor.button("Talk to an advisor").click();
        expect(visitor.page, "() => document.body.dataset.visitState === 'lobby'");
        assertThat(visitor.page.locator("#visit-state")).containsText("waiting room");
        visitor.screenshot("lobby");

        MeetPage console = window("console").open(sample.origin() + "/advisor.html");
        signIn(console.page, "ada", "ada-advises");
        Locator vera = console.page.locator("#waiting li").filter(new Locator.FilterOptions().setHasText("Vera Visitor"));
        assertThat(vera).containsText("signed in");
        console.screenshot("waiting-room");

        Page popup = console.page.waitForPopup(() -> vera.getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Join")).click());
        MeetPage advisor = new MeetPage(popup, "advisor", TEST, steps);
        pages.add(advisor);
        advisor.join("Ada Advisor");
        advisor.expectScreen("meeting");
        assertThat(advisor.waiting("Vera Visitor")).isVisible();

        vera.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Let in")).click();
        expect(visitor.page, "() => document.body.dataset.visitState === 'established'");
        assertThat(console.page.locator("#waiting li")).hasCount(0);
        assertThat(advisor.person("Vera Visitor")).isVisible();
        assertThat(visitor.page.locator("#people")).containsText("Ada Advisor");

        visitor.page.getByLabel("Message").fill("Hello, I have a question about my mortgage.");
        visitor.button("Send").click();
        advisor.expectChat("Vera Visitor", "Hello, I have a question about my mortgage.");
        advisor.say("Of course, go ahead.");
        assertThat(visitor.page.locator("#chat-log")).containsText("Of course, go ahead.");
        visitor.screenshot("visit");
        advisor.screenshot("meeting");
    }

    private static void signIn(Page page, String username, String password) {
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    private static void expect(Page page, String condition) {
        page.waitForFunction(condition, null, new Page.WaitForFunctionOptions().setTimeout(45_000));
    }
}
