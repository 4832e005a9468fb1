package dev.foyer.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foyer.server.app.NewApplication;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The outbox lives in the database: what a stopped server did not deliver, the next one does. */
class WebhookRestartTest {
    @Test
    void eventsPendingWhenTheServerStopsAreDeliveredByTheNextServerOnTheSameData() {
        WebhookReceiver receiver = WebhookReceiver.start();
        int port = receiver.port();
        receiver.stop();
        TestServer first = TestServer.h2(b -> b.webhooksAllowPrivate(true).webhookRetryHorizon(Duration.ofMinutes(5))
                .webhookTimeout(Duration.ofSeconds(1)));
        TestServer second = null;
        WebhookReceiver back = null;
        try {
            NewApplication app = first.createAppWithCallback("restart", "http://127.0.0.1:" + port + "/hooks");
            first.createAdhocMeeting(app, first.accessToken(app), "{\"subject\":\"Survives\"}");
            // The receiver is down: the first attempt fails and the event stays pending.
            await().atMost(Duration.ofSeconds(10)).until(() -> first.server().services().stores().webhooks()
                    .listByApp(app.application().id(), DeliveryStatus.PENDING, 0, 10).stream()
                    .anyMatch(e -> e.attempts() >= 1 && e.lastError() != null));

            second = first.restart();
            back = WebhookReceiver.start(port);

            WebhookReceiver.Received hook = back.awaitType("meeting.created");
            assertThat(hook.json().get("data").get("subject").asText()).isEqualTo("Survives");
            TestServer restarted = second;
            await().atMost(Duration.ofSeconds(10)).until(() -> restarted.server().services().stores().webhooks()
                    .listByApp(app.application().id(), DeliveryStatus.DELIVERED, 0, 10).size() == 1);
        } finally {
            if (back != null) {
                back.close();
            }
            (second != null ? second : first).close();
        }
    }
}
