package dev.foyer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries and deadlines against a scripted local server: the API's answers are queued per test,
 * and every API request is recorded as {@code "METHOD /path"}.
 */
class RetryTest {
    private static final String APP = "app_aaaaaaaaaaaaaaaa";
    private static final String MEETINGS = "/platformservice/v1/applications/" + APP + "/adhocMeetings";
    private static final String MEETING_JSON = "{\"onlineMeetingId\":\"BW9Z1MJD4K7QX\",\"subject\":\"s\",\"state\":\"active\","
            + "\"accessLevel\":\"Everyone\",\"lobbyBypass\":\"SomethingNew\",\"futureField\":1}";

    /** One scripted answer; {@code status} 0 means: drop the connection without answering. */
    private record Answer(int status, String body, long delayMillis) {}

    private HttpServer server;
    private ExecutorService executor;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Queue<String> apiRequests = new ConcurrentLinkedQueue<>();
    private final Queue<String> tokenRequests = new ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private FoyerPlatformClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/oauth2/token", exchange -> {
            tokenRequests.add(exchange.getRequestHeaders().getFirst("Authorization"));
            respond(exchange, 200, "{\"access_token\":\"at-" + tokenRequests.size()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"application_id\":\"" + APP + "\"}");
        });
        server.createContext("/platformservice/", this::api);
        server.start();
        client = clientWithTimeout(Duration.ofSeconds(5));
    }

    private FoyerPlatformClient clientWithTimeout(Duration callTimeout) {
        return builder().callTimeout(callTimeout).build();
    }

    /** A client of the scripted server, with retries 5 ms apart. */
    private FoyerPlatformClient.Builder builder() {
        return FoyerPlatformClient.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/")
                .clientId("fci_id")
                .clientSecret("fcs_secret")
                .retryBackoff(Duration.ofMillis(5));
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void api(HttpExchange exchange) throws IOException {
        apiRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        exchange.getRequestBody().readAllBytes();
        Answer answer = answers.poll();
        if (answer == null) {
            respond(exchange, 500, "{\"error\":{\"code\":\"internal\",\"message\":\"nothing scripted\"}}");
            return;
        }
        if (answer.delayMillis() > 0) {
            try {
                released.await(answer.delayMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.status() == 0) {
            exchange.close(); // no status line: the client sees the connection end
            return;
        }
        respond(exchange, answer.status(), answer.body());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "7");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private void script(Answer... scripted) {
        answers.addAll(List.of(scripted));
    }

    private static Answer answer(int status, String body) {
        return new Answer(status, body, 0);
    }

    private static Answer unavailable() {
        return answer(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"try later\"}}");
    }

    @Test
    void getIsRetriedAfter503() {
        script(unavailable(), answer(200, MEETING_JSON));

        Meeting m = client.getMeeting("BW9Z1MJD4K7QX");

        assertThat(m.onlineMeetingId()).isEqualTo("BW9Z1MJD4K7QX");
        assertThat(m.lobbyBypass()).isNull(); // a value this client does not know
        assertThat(apiRequests).containsExactly("GET " + MEETINGS + "/BW9Z1MJD4K7QX", "GET " + MEETINGS + "/BW9Z1MJD4K7QX");
    }

    @Test
    void getGivesUpAfterTwoRetries() {
        script(unavailable(), answer(502, "<html>bad gateway</html>"), answer(504, ""), answer(200, MEETING_JSON));

        assertThatThrownBy(() -> client.getMeeting("BW9Z1MJD4K7QX"))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(504);
                    assertThat(e.code()).isEqualTo("http_504"); // no Foyer error body
                });
        assertThat(apiRequests).hasSize(3);
    }

    @Test
    void getIsRetriedAfterTheConnectionDrops() {
        script(new Answer(0, "", 0), answer(200, "{\"items\":[],\"offset\":0,\"limit\":20}"));

        MeetingPage page = client.listMeetings(0, 20);

        assertThat(page.items()).isEmpty();
        assertThat(apiRequests).hasSizeGreaterThanOrEqualTo(2).allMatch(r -> r.equals("GET " + MEETINGS));
    }

    @Test
    void deleteIsRetriedAfter502() {
        script(answer(502, ""), answer(204, ""));

        client.endMeeting("BW9Z1MJD4K7QX");

        assertThat(apiRequests).containsExactly("DELETE " + MEETINGS + "/BW9Z1MJD4K7QX", "DELETE " + MEETINGS + "/BW9Z1MJD4K7QX");
    }

    @Test
    void postIsNeverRetried() {
        script(unavailable(), answer(201, MEETING_JSON));

        assertThatThrownBy(() -> client.createAdhocMeeting(AdhocMeetingRequest.builder("s").build()))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("unavailable");
                });
        assertThat(apiRequests).containsExactly("POST " + MEETINGS);
    }

    @Test
    void postIsNotRetriedAfterTheConnectionDrops() {
        script(new Answer(0, "", 0), answer(201, MEETING_JSON));

        assertThatThrownBy(() -> client.createAdhocMeeting(AdhocMeetingRequest.builder("s").build()))
                .isInstanceOf(FoyerTransportException.class);
        assertThat(apiRequests).containsExactly("POST " + MEETINGS);
    }

    @Test
    void postIsRetriedWhenNoConnectionCouldBeMade() {
        RefuseNext proxies = new RefuseNext();
        FoyerPlatformClient refusedOnce = clientOver(proxies);
        refusedOnce.applicationId(); // its access token first, over a connection made
        proxies.refuse(1);
        script(answer(201, MEETING_JSON));

        Meeting meeting = refusedOnce.createAdhocMeeting(AdhocMeetingRequest.builder("s").build());

        assertThat(meeting.onlineMeetingId()).isEqualTo("BW9Z1MJD4K7QX");
        assertThat(proxies.refused()).isEqualTo(1);
        assertThat(apiRequests).containsExactly("POST " + MEETINGS);
    }

    @Test
    void postGivesUpWhenNoConnectionCanBeMade() {
        RefuseNext proxies = new RefuseNext();
        FoyerPlatformClient refused = clientOver(proxies);
        proxies.refuse(Integer.MAX_VALUE);

        assertThatThrownBy(() -> refused.createAdhocMeeting(AdhocMeetingRequest.builder("s").build()))
                .isInstanceOf(FoyerTransportException.class)
                .hasMessageContaining("POST /oauth2/token")
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(proxies.refused()).isEqualTo(3); // the first try and two retries
        assertThat(tokenRequests).isEmpty();
    }

    /**
     * A client whose connections go through {@code proxies}: a real connection refused for the
     * requests it is told to refuse (a proxy on a port nobody listens on), direct for the rest.
     */
    private FoyerPlatformClient clientOver(RefuseNext proxies) {
        return builder()
                .httpClient(HttpClient.newBuilder().proxy(proxies).connectTimeout(Duration.ofSeconds(5)).build())
                .build();
    }

    /** Sends the next requests it is told to refuse to a port with no listener; the others go direct. */
    private static final class RefuseNext extends ProxySelector {
        private final InetSocketAddress nobody;
        private final AtomicInteger toRefuse = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();

        RefuseNext() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void refuse(int requests) {
            toRefuse.set(requests);
        }

        int refused() {
            return refused.get();
        }

        @Override
        public List<Proxy> select(URI uri) {
            if (toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                return List.of(new Proxy(Proxy.Type.HTTP, nobody));
            }
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {}
    }

    @Test
    void clientErrorsAreNotRetried() {
        script(answer(404, "{\"error\":{\"code\":\"meeting_not_found\",\"message\":\"no such meeting\"}}"), answer(200, MEETING_JSON));

        assertThatThrownBy(() -> client.getMeeting("BW9Z1MJD4K7QX"))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> assertThat(e.code()).isEqualTo("meeting_not_found"));
        assertThat(apiRequests).hasSize(1);
    }

    @Test
    void slowAnswerTimesOutAndIsNotRetried() {
        FoyerPlatformClient impatient = clientWithTimeout(Duration.ofSeconds(1));
        client.applicationId(); // warms the JDK's HTTP stack up, so only the slow answer meets the deadline
        impatient.applicationId();
        script(new Answer(200, MEETING_JSON, 10_000), answer(200, MEETING_JSON));
        long started = System.nanoTime();

        assertThatThrownBy(() -> impatient.getMeeting("BW9Z1MJD4K7QX"))
                .isInstanceOf(FoyerTransportException.class)
                .hasMessageContaining("GET " + MEETINGS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(apiRequests).hasSize(1);
    }

    @Test
    void refusedTokenIsReplacedOnceEvenForAPost() {
        String expired = "{\"error\":{\"code\":\"token_expired\",\"message\":\"token has expired\"}}";
        script(answer(401, expired), answer(201, MEETING_JSON));

        client.createAdhocMeeting(AdhocMeetingRequest.builder("s").build());

        assertThat(tokenRequests).hasSize(2);
        assertThat(apiRequests).hasSize(2);
    }

    @Test
    void secondRefusalIsThrown() {
        String invalid = "{\"error\":{\"code\":\"invalid_token\",\"message\":\"bad token\"}}";
        script(answer(401, invalid), answer(401, invalid), answer(200, MEETING_JSON));

        assertThatThrownBy(() -> client.getMeeting("BW9Z1MJD4K7QX"))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_token"));
        assertThat(tokenRequests).hasSize(2);
        assertThat(apiRequests).hasSize(2);
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        script(answer(429, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}"));

        assertThatThrownBy(() -> client.listMeetings(0, 20))
                .isInstanceOfSatisfying(FoyerApiException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void credentialsAreSentWithBasicAuthentication() {
        script(answer(200, MEETING_JSON));

        client.getMeeting("BW9Z1MJD4K7QX");

        assertThat(tokenRequests).containsExactly("Basic "
                + java.util.Base64.getEncoder().encodeToString("fci_id:fcs_secret".getBytes(StandardCharsets.UTF_8)));
    }
}
