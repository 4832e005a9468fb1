package dev.foyer.examples.contoso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} visit requests per visitor in any {@code window} (a sliding window): each
 * request mints a Foyer token, so one visitor cannot spend the app's Foyer quota or flood the
 * advisors' waiting room.
 */
final class VisitLimiter {
    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    VisitLimiter(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /** Takes one request for {@code visitor}: {@code null} if allowed, else how long until one is. */
    Duration tryAcquire(String visitor) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(visitor, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
                times.pollFirst();
            }
            if (times.size() >= max) {
                return Duration.between(now, times.peekFirst().plus(window));
            }
            times.addLast(now);
            return null;
        }
    }
}
