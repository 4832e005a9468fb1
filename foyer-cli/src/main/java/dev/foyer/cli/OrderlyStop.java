package dev.foyer.cli;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Stops a running Foyer in order on SIGTERM (a service manager's stop) and SIGINT (Ctrl-C),
 * before the JVM's shutdown hooks run. The embedded database closes its file from a shutdown hook
 * of its own (H2's {@code DB_CLOSE_ON_EXIT}, which its {@code AUTO_SERVER} mode requires), and
 * hooks run at the same time: closing Foyer from a hook raced it, and the history and webhook
 * events a server still held when it was stopped could meet a closed database and be lost
 * ({@code ServeSigkillTest}). Here the signal closes Foyer first, then exits as the JVM would
 * have (128 + the signal's number). A shutdown hook remains for every other way out; the close
 * runs once whichever comes first.
 */
final class OrderlyStop {
    private OrderlyStop() {}

    /** Runs {@code close} once, on SIGTERM or SIGINT before exiting, or else at the JVM's exit. */
    static void install(String name, Runnable close) {
        AtomicBoolean closed = new AtomicBoolean();
        Runnable once = () -> {
            if (closed.compareAndSet(false, true)) {
                close.run();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(once, name));
        for (String signal : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(signal), s -> {
                    once.run();
                    System.exit(128 + s.getNumber());
                });
            } catch (IllegalArgumentException e) {
                // A platform without this signal: the shutdown hook alone.
            }
        }
    }
}
