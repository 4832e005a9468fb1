package dev.foyer.server.web;

import com.microsoft.playwright.BrowserContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test's browser windows, each a {@link MeetPage} in a context of its own, numbered in one
 * sequence for their screenshots. Closing prints each page's console and closes the contexts.
 */
final class Windows implements AutoCloseable {
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<MeetPage> pages = new ArrayList<>();
    private final AtomicInteger steps = new AtomicInteger();

    /** A page for {@code who} in {@code context}, which this closes with the others. */
    MeetPage open(BrowserContext context, String who, String testName) {
        contexts.add(context);
        MeetPage page = new MeetPage(context, who, testName, steps);
        pages.add(page);
        return page;
    }

    @Override
    public void close() {
        pages.forEach(p -> System.out.println(p.console()));
        contexts.forEach(BrowserContext::close);
    }
}
