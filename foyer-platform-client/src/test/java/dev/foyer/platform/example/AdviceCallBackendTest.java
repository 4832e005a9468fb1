package dev.foyer.platform.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.foyer.platform.FoyerPlatformClient;
import dev.foyer.platform.WebhookEvent;
import dev.foyer.platform.WebhookVerifier;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The documented back-end, run against a real Foyer server. */
class AdviceCallBackendTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<WebhookEvent> events = new LinkedBlockingQueue<>();
    private static TestServer foyer;
    private static int apps;
    private NewApplication app;
    private HttpServer backend;

    @BeforeAll
    static void startFoyer() {
        foyer = TestServer.h2();
    }

    @AfterAll
    static void stopFoyer() {
        foyer.close();
    }

    @BeforeEach
    void start() throws Exception {
        app = foyer.createApp("shop-" + ++apps);
        FoyerPlatformClient client = FoyerPlatformClient.builder()
                .baseUrl(foyer.server().url())
                .clientId(app.application().clientId())
                .clientSecret(app.clientSecret())
                .build();
        WebhookVerifier verifier = WebhookVerifier.builder().secret(app.webhookSecret()).rejectReplays().build();
        backend = AdviceCallBackend.start(client, verifier, ex -> ex.getRequestHeaders().getFirst("X-Visitor"), events);
    }

    @AfterEach
    void stop() {
        backend.stop(0);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI backend(String path) {
        return URI.create("http://127.0.0.1:" + backend.getAddress().getPort() + path);
    }

    @Test
    void visitorGetsWhatTheSdkNeedsAndTheTokenDiscoversTheMeeting() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(backend("/api/advice-call")).header("X-Visitor", "visitor-42"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode call = json.readTree(r.body());

        HttpResponse<String> discovery = send(HttpRequest.newBuilder(URI.create(call.get("discoverUri").asText()))
                .header("Authorization", "Bearer " + call.get("token").asText())
                .header("Origin", "https://shop.example"));
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(json.readTree(discovery.body()).path("meeting").path("joinUrl").asText())
                .isEqualTo(call.get("joinUrl").asText());

        JsonNode again = json.readTree(send(HttpRequest.newBuilder(backend("/api/advice-call"))
                .header("X-Visitor", "visitor-42")).body());
        assertThat(again.get("joinUrl").asText()).isEqualTo(call.get("joinUrl").asText()); // meeting reused
    }

    @Test
    void unknownVisitorIsTurnedAway() throws Exception {
        assertThat(send(HttpRequest.newBuilder(backend("/api/advice-call"))).statusCode()).isEqualTo(401);
    }

    @Test
    void webhookReceiverAcceptsGenuineEventsOnce() throws Exception {
        byte[] body = "{\"id\":\"evt_1\",\"type\":\"lobby.waiting\",\"createdAt\":\"2025-05-01T09:00:00Z\",\"data\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        String signature = WebhookVerifier.sign(Instant.now(), body, app.webhookSecret());
        HttpRequest.Builder delivery = HttpRequest.newBuilder(backend("/webhooks/foyer"))
                .header("Foyer-Signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body));

        assertThat(send(delivery).statusCode()).isEqualTo(204);
        assertThat(send(delivery).statusCode()).isEqualTo(200); // replayed: acknowledged, not processed again
        assertThat(send(HttpRequest.newBuilder(backend("/webhooks/foyer"))
                .header("Foyer-Signature", WebhookVerifier.sign(Instant.now(), body, "whs_forged"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))).statusCode()).isEqualTo(400);
        assertThat(events).extracting(WebhookEvent::id).containsExactly("evt_1");
    }
}
