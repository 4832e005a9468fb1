package dev.foyer.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.foyer.server.app.AppId;
import dev.foyer.server.app.Application;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.Stores;
import dev.foyer.server.store.jdbc.JdbcStores;
import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher itself, against a callback whose name resolves to a private address only when
 * delivery comes (it passed registration as a name): the attempt is refused and recorded, and the
 * private address is never connected to.
 */
class WebhookRebindingTest {
    @TempDir
    Path dir;

    @Test
    void aCallbackNameResolvingToLoopbackAtDeliveryIsRefusedAndNeverConnected() throws Exception {
        try (TestDatabase db = TestDatabases.freshH2(dir); Stores stores = JdbcStores.open(db.config());
                ServerSocket receiver = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(500);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String callback = "http://hooks.example.test:" + receiver.getLocalPort() + "/hook";
            assertThat(CallbackUrls.validate(callback, false)).as("a name passes registration").isEqualTo(callback);
            Application app = new Application(AppId.random(), "Acme", "client-rebind", "hash", List.of(), callback,
                    "whsec-rebind", now);
            stores.applications().insert(app);
            stores.webhooks().insert(List.of(WebhookEvent.newEvent("evt_rebind", app.id(), MeetingId.random(),
                    EventType.MEETING_CREATED, 0, "{}", now, DeliveryStatus.PENDING)));
            WebhookSettings settings = new WebhookSettings(Duration.ofSeconds(2), Duration.ofHours(1),
                    Duration.ofSeconds(30), Duration.ofMinutes(1), false, 1);
            CallbackUrls.Resolver toLoopback = host -> List.of(InetAddress.getLoopbackAddress());

            try (WebhookDispatcher dispatcher = new WebhookDispatcher(stores, settings, Clock.systemUTC(), toLoopback)) {
                dispatcher.start();
                dispatcher.nudge();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> stores.webhooks().find(app.id(), "evt_rebind").orElseThrow().attempts() > 0);
            }

            WebhookEvent attempted = stores.webhooks().find(app.id(), "evt_rebind").orElseThrow();
            assertThat(attempted.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(attempted.lastError()).contains("non-public address 127.0.0.1");
            try (Socket s = receiver.accept()) {
                throw new AssertionError("the dispatcher connected to the loopback receiver");
            } catch (SocketTimeoutException expected) {
                // nothing came
            }
        }
    }
}
