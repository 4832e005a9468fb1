package dev.foyer.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real Foyer server whose public URL is a {@link WireTap} (so discovery names that tap), a
 * second tap in front of the same server ({@link #front}: a discovery URI there predicts a
 * signaling URL discovery does not name), and an SDK client whose log lines a test can wait for.
 */
final class TappedServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final WireTap tap;
    final WireTap front;
    final TestServer server;
    final ExecutorService appMain;
    final FoyerClient foyer;
    private final LinkedBlockingQueue<String> log = new LinkedBlockingQueue<>();

    TappedServer() throws IOException {
        tap = new WireTap();
        front = new WireTap();
        server = TestServer.h2(b -> b.publicUrl(URI.create(tap.url())));
        tap.start(server.server().port());
        front.start(server.server().port());
        appMain = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-main"));
        foyer = new FoyerClient.Builder().callbackExecutor(appMain).logger((level, message, error) -> log.add(message))
                .build();
    }

    MeetingScenario meeting() {
        return new MeetingScenario(server, ConversationTest.OPEN);
    }

    static String guestToken(MeetingScenario m) {
        return m.guestToken("visitor-" + UUID.randomUUID());
    }

    Conversation join(FoyerClient client, String token, String discoverUri, RecordingListener rec) {
        return client.joinMeetingAnonymously("Grace Guest", null, token, discoverUri, rec);
    }

    Conversation join(String token, String discoverUri, RecordingListener rec) {
        return join(foyer, token, discoverUri, rec);
    }

    /** Waits until the SDK has logged a line containing {@code fragment}. */
    void awaitLog(String fragment) {
        long deadline = System.nanoTime() + WireTap.TIMEOUT.toNanos();
        try {
            for (String line; (line = log.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
                if (line.contains(fragment)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the SDK logged no '" + fragment + "' within " + WireTap.TIMEOUT);
    }

    /** A text frame's JSON. */
    static JsonNode json(WireTap.Frame frame) {
        try {
            return JSON.readTree(frame.text());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + frame, e);
        }
    }

    @Override
    public void close() throws Exception {
        foyer.close();
        appMain.shutdownNow();
        try {
            server.close();
        } finally {
            tap.close();
            front.close();
        }
    }
}
