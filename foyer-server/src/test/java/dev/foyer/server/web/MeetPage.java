package dev.foyer.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The web join page in one browser window, driven as a user would: labels, buttons, text. */
public final class MeetPage {
    static final double MEDIA_TIMEOUT_MS = 90_000;

    public final String who;
    public final Page page;
    private final String testName;
    private final AtomicInteger steps;
    private final List<String> console = new CopyOnWriteArrayList<>();

    /** {@code steps} numbers the screenshots of one test across its pages, in the order taken. */
    public MeetPage(BrowserContext context, String who, String testName, AtomicInteger steps) {
        this(context.newPage(), who, testName, steps);
    }

    /** A join page already open in {@code page} (a pop-up another page opened, say). */
    public MeetPage(Page page, String who, String testName, AtomicInteger steps) {
        this.who = who;
        this.testName = testName;
        this.steps = steps;
        this.page = page;
        page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
        page.onPageError(e -> console.add("pageerror: " + e));
    }

    /** Opens a meeting URL (with {@code #token=...} for staff). */
    public MeetPage open(String url) {
        page.navigate(url);
        return this;
    }

    public MeetPage join(String displayName) {
        System.out.println(java.time.Instant.now() + " " + who + " joins");
        expectScreen("prejoin");
        page.getByLabel("Your name").fill(displayName);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join").setExact(true)).click();
        return this;
    }

    /** Waits until the page shows {@code prejoin}, {@code lobby}, {@code meeting} or {@code over}. */
    public void expectScreen(String screen) {
        page.waitForFunction("s => document.body.dataset.screen === s", screen,
                new Page.WaitForFunctionOptions().setTimeout(45_000));
    }

    public Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The participant list's row for {@code displayName}. */
    public Locator person(String displayName) {
        return page.locator("#people-list li").filter(new Locator.FilterOptions().setHasText(displayName));
    }

    public Locator waiting(String displayName) {
        return page.locator("#lobby-list li").filter(new Locator.FilterOptions().setHasText(displayName));
    }

    public void say(String text) {
        page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).fill(text);
        button("Send").click();
    }

    public void expectChat(String from, String text) {
        Locator line = page.locator("#chat-log li").filter(new Locator.FilterOptions().setHasText(text));
        assertThat(line.locator(".text")).hasText(text);
        assertThat(line.locator(".from")).hasText(from);
    }

    /**
     * Waits until media arrives from {@code peers} others: video frames decoded and audio packets
     * received on each peer connection (RTCPeerConnection stats).
     */
    public void awaitMediaFromOthers(int peers) {
        System.out.println(java.time.Instant.now() + " " + who + " awaits media");
        // evaluate awaits the stats promise; waitForFunction would not (it tests the promise itself).
        String check = """
                async (n) => {
                  const c = window.foyerConversation;
                  if (!c || c.state !== 'established') return false;
                  const s = Object.values(await c.mediaStats());
                  return s.length >= n && s.every(x => x.framesDecoded > 0 && x.audioPacketsReceived > 0);
                }""";
        long deadline = System.nanoTime() + (long) (MEDIA_TIMEOUT_MS * 1_000_000);
        while (!Boolean.TRUE.equals(page.evaluate(check, peers))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(who + ": no audio and video from " + peers + " others within "
                        + MEDIA_TIMEOUT_MS + " ms; stats " + stats());
            }
            page.waitForTimeout(250); // polling interval, not a wait for an outcome
        }
    }

    /** RTCPeerConnection stats per other participant, as JSON text (for messages). */
    public String stats() {
        return String.valueOf(page.evaluate("async () => JSON.stringify(await window.foyerConversation.mediaStats())"));
    }

    /** Saves a full-page screenshot as target/screenshots/{test}/{nn}-{who}-{what}.png. */
    public void screenshot(String what) {
        Path path = Chromium.SCREENSHOTS.resolve(testName)
                .resolve(String.format("%02d-%s-%s.png", steps.incrementAndGet(), who, what));
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
        System.out.println(java.time.Instant.now() + " screenshot " + path.getFileName());
    }

    /** What the page logged (printed when a test fails). */
    public String console() {
        return who + " console:\n  " + String.join("\n  ", console);
    }
}
