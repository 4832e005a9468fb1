package dev.foyer.server.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's chromium driven by Playwright, with fake camera and microphone and no prompts. Never
 * downloads a browser: the system one is required (.ci/run installs it). Public for other modules'
 * browser tests (foyer-server's test-jar).
 */
public final class Chromium implements AutoCloseable {
    public static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final List<String> ARGS = List.of(
            "--no-sandbox", // tests run as root
            "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--auto-accept-this-tab-capture", "--autoplay-policy=no-user-gesture-required",
            // Several pages share two cores: keep background ones running at full speed.
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
            "--disable-backgrounding-occluded-windows",
            // Host candidates with real addresses, so that pages of one browser reach each other.
            "--disable-features=WebRtcHideLocalIpsWithMdns");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: apt-get install chromium (.ci/run does)");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS).setTimeout(60_000));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A desktop-sized window with its own storage. */
    public BrowserContext desktop() {
        return context(new Browser.NewContextOptions().setViewportSize(1280, 800));
    }

    /** A phone-sized window (390 × 844, touch). */
    public BrowserContext phone() {
        return context(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
    }

    private BrowserContext context(Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setPermissions(List.of("camera", "microphone")));
        context.setDefaultTimeout(30_000);
        return context;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
