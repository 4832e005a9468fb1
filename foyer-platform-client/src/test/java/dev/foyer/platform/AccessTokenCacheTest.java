package dev.foyer.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.app.NewApplication;
import dev.foyer.server.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client-credentials token: fetched once, reused, replaced before expiry or when refused. The
 * tests share one server whose clock only moves forward; each test has its own application.
 */
class AccessTokenCacheTest {
    private static TestServer server;
    private static int apps;
    private NewApplication app;
    private final RecordingHttpClient http = new RecordingHttpClient();

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void newApplication() {
        app = server.createApp("shop-" + ++apps);
    }

    private FoyerPlatformClient client(Clock clock) {
        return FoyerPlatformClient.builder()
                .baseUrl(server.server().url())
                .clientId(app.application().clientId())
                .clientSecret(app.clientSecret())
                .httpClient(http)
                .clock(clock)
                .build();
    }

    @Test
    void tokenIsFetchedOnceAndReused() {
        FoyerPlatformClient client = client(server.clock());
        assertThat(http.tokenRequests()).isZero(); // lazily

        Meeting m = client.createAdhocMeeting(AdhocMeetingRequest.builder("Cached").build());
        client.getMeeting(m.onlineMeetingId());
        client.listMeetings(0, 20);
        client.createUserToken(m.onlineMeetingId(), "advisor-7", "Ada", Role.PRESENTER);

        assertThat(http.tokenRequests()).isEqualTo(1);
    }

    @Test
    void tokenIsReplacedBeforeItExpires() {
        FoyerPlatformClient client = client(server.clock()); // the client's clock moves with the server's
        client.listMeetings(0, 20);

        server.clock().advance(Duration.ofMinutes(59).plusSeconds(1)); // inside the 60 s margin, not expired yet
        client.listMeetings(0, 20);

        assertThat(http.tokenRequests()).isEqualTo(2);
        assertThat(http.exchanges()).noneMatch(e -> e.endsWith(" 401"));
    }

    @Test
    void expiredTokenIsReplacedWithoutAFailedCall() {
        FoyerPlatformClient client = client(server.clock());
        client.listMeetings(0, 20);

        server.clock().advance(Duration.ofHours(2));
        MeetingPage page = client.listMeetings(0, 20);

        assertThat(page.items()).isEmpty();
        assertThat(http.tokenRequests()).isEqualTo(2);
        assertThat(http.exchanges()).noneMatch(e -> e.endsWith(" 401"));
    }

    @Test
    void tokenRefusedByTheServerIsReplacedAndTheCallRepeatedOnce() {
        // The client's clock believes the token is fresh; the server's says it expired.
        FoyerPlatformClient client = client(Clock.systemUTC());
        client.listMeetings(0, 20);

        server.clock().advance(Duration.ofHours(2));
        Meeting m = client.createAdhocMeeting(AdhocMeetingRequest.builder("After expiry").build());

        assertThat(m.subject()).isEqualTo("After expiry");
        assertThat(http.tokenRequests()).isEqualTo(2);
        String create = "POST /platformservice/v1/applications/" + app.application().id().value() + "/adhocMeetings";
        assertThat(http.exchanges()).filteredOn(e -> e.startsWith(create)).containsExactly(create + " 401", create + " 201");
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        FoyerPlatformClient client = client(server.clock());
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<MeetingPage>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return client.listMeetings(0, 20);
                }));
            }
            go.countDown();
            for (Future<MeetingPage> r : results) {
                assertThat(r.get(20, TimeUnit.SECONDS).items()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(http.tokenRequests()).isEqualTo(1);
    }
}
