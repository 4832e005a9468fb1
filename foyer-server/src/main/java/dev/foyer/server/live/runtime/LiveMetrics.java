package dev.foyer.server.live.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The live side's meters on {@code /metrics}. */
public final class LiveMetrics {
    private final Timer joinTime;
    private final Timer lobbyWait;
    private final Counter resumes;
    private final Counter deliveries;
    private final Counter slowConsumers;

    public LiveMetrics(MeterRegistry registry) {
        this.joinTime = Timer.builder("foyer.join.time").description("WebSocket connect to joined")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        this.lobbyWait = Timer.builder("foyer.lobby.wait").description("time guests waited before admission")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(30)).register(registry);
        this.resumes = Counter.builder("foyer.resumes").description("sessions resumed after a drop").register(registry);
        this.deliveries = Counter.builder("foyer.fanout.deliveries")
                .description("frames handed to connections (messages x recipients)").register(registry);
        this.slowConsumers = Counter.builder("foyer.slow.consumers")
                .description("connections closed because they could not keep up").register(registry);
    }

    public void joined(Duration sinceConnect) {
        joinTime.record(sinceConnect);
    }

    void lobbyWait(Duration waited) {
        lobbyWait.record(waited);
    }

    void resumed() {
        resumes.increment();
    }

    void delivered(int frames) {
        deliveries.increment(frames);
    }

    void slowConsumer() {
        slowConsumers.increment();
    }
}
