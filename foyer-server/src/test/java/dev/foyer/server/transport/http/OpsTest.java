package dev.foyer.server.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.server.config.ConfigLoader;
import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Liveness, readiness and metrics. */
class OpsTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAndReadiness() {
        assertThat(server.api().get("/healthz").json().get("status").asText()).isEqualTo("ok");
        Api.Response ready = server.api().get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void metricsCountRequestsByRouteTemplateAndStatus() {
        server.api().get("/healthz");
        server.api().get("/meet/nobody/0123456789ABC", "Accept", "application/json");
        Api.Response metrics = server.api().get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("foyer_http_requests_seconds_count{method=\"GET\",route=\"/healthz\",status=\"200\"}")
                .contains("route=\"/meet/{organizer}/{onlineMeetingId}\",status=\"404\"")
                .contains("jvm_memory_used_bytes")
                // The database pool and Jetty's threads: what a join waits for when the server is saturated.
                .contains("hikaricp_connections_active{pool=\"foyer-db\"}")
                .contains("hikaricp_connections_pending{pool=\"foyer-db\"}")
                .contains("hikaricp_connections_acquire_seconds_count{pool=\"foyer-db\"}")
                .contains("jetty_threads_busy")
                .contains("jetty_threads_config_max")
                // The embedded database's compaction, which commits wait for.
                .contains("foyer_h2_compaction_seconds_count");
    }

    @Test
    void jettyRunsOnAsManyThreadsAsConfigured() {
        try (TestServer small = TestServer.h2(b -> b.httpThreads(24))) {
            assertThat(small.api().get("/metrics").body()).contains("jetty_threads_config_max 24.0");
        }
        assertThat(server.api().get("/metrics").body())
                .contains("jetty_threads_config_max " + FoyerConfig.defaultHttpThreads() + ".0");
    }

    @Test
    void tooFewThreadsAreRefusedAtStartUp() {
        Map<String, String> file = Map.of("http-threads", "4");
        FoyerConfig.Builder b = FoyerConfig.newBuilder();
        ConfigLoader.apply(file, b);

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http-threads must be at least 16");
        ConfigLoader.apply(Map.of("http-threads", "48"), b);
        assertThat(b.build().httpThreads()).isEqualTo(48);
    }

    @Test
    void theRosterDelayIsReadInMillisecondsAndAtMostASecond() {
        FoyerConfig.Builder b = FoyerConfig.newBuilder();
        assertThat(b.build().rosterDelay()).isEqualTo(Duration.ofMillis(50));

        ConfigLoader.apply(Map.of("roster-delay", "20ms"), b);
        assertThat(b.build().rosterDelay()).isEqualTo(Duration.ofMillis(20));
        ConfigLoader.apply(Map.of("roster-delay", "0s"), b);
        assertThat(b.build().rosterDelay()).isZero();
        ConfigLoader.apply(Map.of("roster-delay", "2s"), b);
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("roster-delay must be between 0 and 1000ms: 2000ms");
    }

    @Test
    void theRosterIntervalIsReadInMillisecondsAndAtMostASecond() {
        FoyerConfig.Builder b = FoyerConfig.newBuilder();
        assertThat(b.build().rosterInterval()).isEqualTo(Duration.ofMillis(250));

        ConfigLoader.apply(Map.of("roster-interval", "500ms"), b);
        assertThat(b.build().rosterInterval()).isEqualTo(Duration.ofMillis(500));
        ConfigLoader.apply(Map.of("roster-interval", "0s"), b);
        assertThat(b.build().rosterInterval()).isZero();
        ConfigLoader.apply(Map.of("roster-interval", "1500ms"), b);
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("roster-interval must be between 0 and 1000ms: 1500ms");
    }

    @Test
    void theChatIntervalIsReadInMillisecondsAndAtMostASecond() {
        FoyerConfig.Builder b = FoyerConfig.newBuilder();
        assertThat(b.build().chatInterval()).isEqualTo(Duration.ofMillis(20));

        ConfigLoader.apply(Map.of("chat-interval", "40ms"), b);
        assertThat(b.build().chatInterval()).isEqualTo(Duration.ofMillis(40));
        ConfigLoader.apply(Map.of("chat-interval", "0s"), b);
        assertThat(b.build().chatInterval()).isZero();
        ConfigLoader.apply(Map.of("chat-interval", "1500ms"), b);
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chat-interval must be between 0 and 1000ms: 1500ms");
    }

    @Test
    void retentionsAreDurationsOfAWeekByDefaultAndNeverNegative() {
        FoyerConfig.Builder b = FoyerConfig.newBuilder();
        assertThat(b.build().tokenRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(b.build().webhookRetention()).isEqualTo(Duration.ofDays(7));

        ConfigLoader.apply(Map.of("token-retention", "12h", "webhook-retention", "30d"), b);
        assertThat(b.build().tokenRetention()).isEqualTo(Duration.ofHours(12));
        assertThat(b.build().webhookRetention()).isEqualTo(Duration.ofDays(30));
        ConfigLoader.apply(Map.of("token-retention", "0s"), b);
        assertThat(b.build().tokenRetention()).isZero();
        b.tokenRetention(Duration.ofSeconds(-1));
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhook-retention and token-retention must not be negative");
    }

    @Test
    void methodNotAllowedIsAJsonError() {
        Api.Response r = server.api().send("PATCH", "/healthz", null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.errorCode()).isEqualTo("method_not_allowed");
    }
}
