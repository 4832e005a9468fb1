package dev.foyer.server.webhook;

import static dev.foyer.server.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.app.ApplicationService;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhooks to real HTTP receivers on this machine: signature, retries, dead letters, isolation. */
class WebhookDeliveryTest {
    private static final Duration HORIZON = Duration.ofSeconds(4);
    private static final Duration TIMEOUT = Duration.ofMillis(700);

    private static TestServer server;
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.webhooksAllowPrivate(true).webhookRetryHorizon(HORIZON)
                .webhookTimeout(TIMEOUT));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void signatureIsAnHmacOfTimestampAndBodyThatAnIndependentImplementationVerifies() throws Exception {
        WebhookReceiver receiver = receiver();
        NewApplication app = server.createAppWithCallback(name(), receiver.url());
        String token = server.accessToken(app);

        JsonNode meeting = server.createAdhocMeeting(app, token, "{\"subject\":\"Signed\"}");

        WebhookReceiver.Received hook = receiver.awaitType("meeting.created");
        String[] parts = hook.signature().split(",");
        assertThat(parts).hasSize(2);
        assertThat(parts[0]).startsWith("t=");
        assertThat(parts[1]).startsWith("v1=");
        long t = Long.parseLong(parts[0].substring(2));
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(60);
        assertThat(parts[1].substring(3)).isEqualTo(hmacSha256Hex(app.webhookSecret(), t + "." + hook.body()));

        JsonNode body = hook.json();
        assertThat(body.get("id").asText()).startsWith("evt_").isEqualTo(hook.eventIdHeader());
        assertThat(body.get("type").asText()).isEqualTo("meeting.created");
        assertThat(Instant.parse(body.get("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(body.get("applicationId").asText()).isEqualTo(app.application().id().value());
        assertThat(body.get("onlineMeetingId").asText()).isEqualTo(meeting.get("onlineMeetingId").asText());
        assertThat(body.get("seq").asLong()).isZero();
        assertThat(body.get("data").get("subject").asText()).isEqualTo("Signed");
    }

    @Test
    void duringASecretRotationOverlapBothSecretsSign() throws Exception {
        WebhookReceiver receiver = receiver();
        NewApplication app = server.createAppWithCallback(name(), receiver.url());
        ApplicationService.RotatedWebhookSecret rotated = server.server().services().applications()
                .rotateWebhookSecret(app.application().id().value(), Duration.ofHours(1));

        server.createAdhocMeeting(app, server.accessToken(app), "{\"subject\":\"Rotating\"}");

        WebhookReceiver.Received hook = receiver.awaitType("meeting.created");
        String[] parts = hook.signature().split(",");
        long t = Long.parseLong(parts[0].substring(2));
        assertThat(parts).containsExactly("t=" + t,
                "v1=" + hmacSha256Hex(rotated.webhookSecret(), t + "." + hook.body()),
                "v1=" + hmacSha256Hex(app.webhookSecret(), t + "." + hook.body()));
    }

    @Test
    void aReceiverThatFailsWith500GetsTheSameEventAgainUntilItAnswers2xx() {
        WebhookReceiver receiver = receiver().thenRespond(500, 1);
        NewApplication app = server.createAppWithCallback(name(), receiver.url());
        String token = server.accessToken(app);

        server.createAdhocMeeting(app, token, "{\"subject\":\"Flaky\"}");

        WebhookReceiver.Received first = receiver.next();
        WebhookReceiver.Received second = receiver.next();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.receivedAtMillis() - first.receivedAtMillis()).isGreaterThanOrEqualTo(700);
        JsonNode delivery = awaitDelivery(app, token, first.json().get("id").asText(), "delivered");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.get("lastStatus").asInt()).isEqualTo(204);
    }

    @Test
    void aReceiverThatTimesOutGetsTheEventAgain() {
        WebhookReceiver receiver = receiver().thenRespond(200, TIMEOUT.multipliedBy(3), 1);
        NewApplication app = server.createAppWithCallback(name(), receiver.url());
        String token = server.accessToken(app);

        server.createAdhocMeeting(app, token, "{\"subject\":\"Slow\"}");

        String id = receiver.next().json().get("id").asText();
        assertThat(receiver.next().json().get("id").asText()).isEqualTo(id);
        assertThat(awaitDelivery(app, token, id, "delivered").get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void anEventIsDeadAfterTheRetryHorizonAndCanBeRedelivered() {
        WebhookReceiver receiver = receiver().thenRespond(500, 100);
        NewApplication app = server.createAppWithCallback(name(), receiver.url());
        String token = server.accessToken(app);
        server.createAdhocMeeting(app, token, "{\"subject\":\"Doomed\"}");
        String id = receiver.next().json().get("id").asText();

        JsonNode dead = awaitDelivery(app, token, id, "dead");

        assertThat(dead.get("attempts").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(dead.get("lastStatus").asInt()).isEqualTo(500);
        assertThat(dead.get("lastError").asText()).isEqualTo("HTTP 500");
        assertThat(dead.has("nextAttemptAt")).isFalse();
        JsonNode deadOnly = server.api().get(TestServer.platformBase(app) + "/webhookDeliveries?status=dead",
                "Authorization", bearer(token)).json();
        assertThat(deadOnly.get("items").findValuesAsText("eventId")).containsExactly(id);

        receiver.healed().drain(Duration.ofMillis(100));
        Api.Response redeliver = server.api().post(TestServer.platformBase(app) + "/webhookDeliveries/" + id
                + "/redeliver", "", "Authorization", bearer(token));
        assertThat(redeliver.status()).isEqualTo(202);
        assertThat(redeliver.json().get("status").asText()).isEqualTo("pending");
        assertThat(receiver.next().json().get("id").asText()).isEqualTo(id);
        awaitDelivery(app, token, id, "delivered");
        assertThat(server.api().post(TestServer.platformBase(app) + "/webhookDeliveries/evt_unknown/redeliver", "",
                "Authorization", bearer(token)).status()).isEqualTo(404);
    }

    @Test
    void anotherApplicationReceivesNothingOfAMeetingItDoesNotOwn() {
        WebhookReceiver receiverA = receiver();
        WebhookReceiver receiverB = receiver();
        NewApplication a = server.createAppWithCallback(name(), receiverA.url());
        NewApplication b = server.createAppWithCallback(name(), receiverB.url());
        String tokenA = server.accessToken(a);
        String tokenB = server.accessToken(b);

        JsonNode meeting = server.createAdhocMeeting(a, tokenA, "{\"subject\":\"Private\"}");
        assertThat(server.api().delete(TestServer.platformBase(a) + "/adhocMeetings/"
                + meeting.get("onlineMeetingId").asText(), "Authorization", bearer(tokenA)).status()).isEqualTo(204);

        var received = receiverA.awaitTypes("meeting.created", "meeting.ended");
        assertThat(received.get("meeting.created").json().get("applicationId").asText())
                .isEqualTo(a.application().id().value());
        JsonNode ended = received.get("meeting.ended").json();
        assertThat(ended.get("data").get("reason").asText()).isEqualTo("ended by the application");
        assertThat(ended.get("seq").asLong()).isPositive();
        assertThat(receiverB.drain(Duration.ofMillis(1500))).isEmpty();
        assertThat(server.api().get(TestServer.platformBase(b) + "/webhookDeliveries", "Authorization",
                bearer(tokenB)).json().get("items")).isEmpty();
        assertThat(server.api().get(TestServer.platformBase(b) + "/adhocMeetings/"
                + meeting.get("onlineMeetingId").asText() + "/events", "Authorization", bearer(tokenB)).status())
                .isEqualTo(404);
    }

    @Test
    void eventsOfAnApplicationWithoutCallbackAreKeptButNeverSent() {
        NewApplication app = server.createApp(name());
        String token = server.accessToken(app);
        server.createAdhocMeeting(app, token, "{\"subject\":\"Quiet\"}");

        JsonNode items = server.api().get(TestServer.platformBase(app) + "/webhookDeliveries", "Authorization",
                bearer(token)).json().get("items");

        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("status").asText()).isEqualTo("no_callback");
        assertThat(items.get(0).get("attempts").asInt()).isZero();
    }

    private JsonNode awaitDelivery(NewApplication app, String token, String eventId, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode items = server.api().get(TestServer.platformBase(app) + "/webhookDeliveries?limit=100",
                    "Authorization", bearer(token)).json().get("items");
            for (JsonNode item : items) {
                if (item.get("eventId").asText().equals(eventId) && item.get("status").asText().equals(status)) {
                    found[0] = item;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    static String hmacSha256Hex(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private WebhookReceiver receiver() {
        WebhookReceiver r = WebhookReceiver.start();
        receivers.add(r);
        return r;
    }

    private static String name() {
        return "hooks-" + UUID.randomUUID();
    }
}
