package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pings once a period per connection, never in the second it was added, none after removal (real time, a 2 s period). */
class HeartbeatTest {
    private static final int PERIOD_SECONDS = 2;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    /** Every ping, as the connection's name and when (ms since the epoch). */
    private final Map<String, List<Long>> pings = new ConcurrentHashMap<>();
    private final Heartbeat<String> heartbeat = new Heartbeat<>(timers, PERIOD_SECONDS,
            conn -> pings.computeIfAbsent(conn, k -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis()));

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void eachConnectionIsPingedOncePerPeriodFromAPeriodAfterItWasAdded() throws Exception {
        long addedAt = System.currentTimeMillis();
        heartbeat.add("a");
        heartbeat.add("b");
        Thread.sleep(PERIOD_SECONDS * 3 * 1000L + 500);

        for (String conn : List.of("a", "b")) {
            List<Long> times = pings.get(conn);
            assertThat(times).as("pings of %s", conn).hasSizeBetween(2, 3);
            // Added in second s, pinged in seconds s + 2, s + 4, ...: never within the first second.
            assertThat(times.get(0) - addedAt).as("first ping of %s", conn).isGreaterThan(1000);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1)).as("between pings of %s", conn)
                        .isBetween(PERIOD_SECONDS * 1000L - 300, PERIOD_SECONDS * 1000L + 300);
            }
        }
    }

    @Test
    void aRemovedConnectionIsNoLongerPinged() throws Exception {
        heartbeat.add("gone");
        heartbeat.add("stays");
        heartbeat.remove("gone");
        heartbeat.remove("never added"); // no effect
        Thread.sleep(PERIOD_SECONDS * 2 * 1000L + 500);

        assertThat(pings).containsOnlyKeys("stays");
    }
}
