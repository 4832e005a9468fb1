package dev.foyer.server.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The wait for {@code roster-interval} is never shorter than the interval, at most a quarter
 * longer, and differs from one wait to the next, so that meetings begun together drift apart
 * instead of writing their rosters in the same instant (docs/performance.md, item 48).
 */
class RosterSpreadTest {
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aWaitIsTheIntervalAndUpToAQuarterMoreDrawnEachTime() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            long wait = MeetingHost.spread(INTERVAL);
            assertThat(wait).isBetween(INTERVAL, INTERVAL + INTERVAL / 4);
            seen.add(wait / TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(seen).as("waits in distinct 10 ms slots, of 26").hasSizeGreaterThan(20);
    }

    @Test
    void noIntervalStaysNone() {
        assertThat(MeetingHost.spread(0)).isZero();
    }
}
