package dev.foyer.server.web;

import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.testing.TestServer;
import java.util.function.UnaryOperator;

/**
 * A browser test class's server and Chromium, started once before its tests and closed after
 * them. Playwright's assertions wait up to 30 s: pages share two cores with the server.
 */
final class BrowserRig implements AutoCloseable {
    private final TestServer server;
    private final Chromium chromium;

    private BrowserRig(TestServer server, Chromium chromium) {
        this.server = server;
        this.chromium = chromium;
    }

    static BrowserRig start() {
        return start(UnaryOperator.identity());
    }

    /** A server on a fresh H2 database, configured by {@code tweak}, and a browser. */
    static BrowserRig start(UnaryOperator<FoyerConfig.Builder> tweak) {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        TestServer server = TestServer.h2(tweak);
        try {
            return new BrowserRig(server, Chromium.launch());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    TestServer server() {
        return server;
    }

    Chromium chromium() {
        return chromium;
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            server.close();
        }
    }
}
