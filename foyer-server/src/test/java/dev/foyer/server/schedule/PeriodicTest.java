package dev.foyer.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PeriodicTest {
    @Test
    void aRunThatThrowsDoesNotStopTheNextOnesAndCloseStopsThemAll() {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        Periodic periodic = Periodic.start("foyer-test-periodic", Duration.ZERO, Duration.ofMillis(10), () -> {
            thread.set(Thread.currentThread().getName());
            runs.incrementAndGet();
            throw new IllegalStateException("every run fails");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        periodic.close();
        int stopped = runs.get();

        assertThat(thread.get()).isEqualTo("foyer-test-periodic");
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() == stopped);
    }

    @Test
    void anIntervalMustBePositive() {
        assertThatThrownBy(() -> Periodic.start("t", Duration.ZERO, Duration.ZERO, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Periodic.start("t", Duration.ofSeconds(-1), Duration.ofSeconds(1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
