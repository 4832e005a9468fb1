package dev.foyer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.WsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foyer serve} in a real child JVM, killed with SIGKILL: what it acknowledged with a 201 is
 * there when a new server opens the same data directory; stopped with SIGTERM: it writes what it
 * still held before it exits. Admin commands in this JVM use the data
 * directory while the child holds it (H2's AUTO_SERVER).
 */
class ServeSigkillTest {
    private static final String RUNNING = "Foyer is running at ";
    private static final long START_TIMEOUT_SECONDS = 90;
    private static final long EXIT_TIMEOUT_SECONDS = 30;

    @TempDir
    Path tempDir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            assertThat(child.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child process died").isTrue();
        }
    }

    @Test
    void meetingAcknowledgedJustBeforeSigkillIsThereAfterARestart() throws Exception {
        Path data = tempDir.resolve("data");
        Server first = serve(data, "first");
        JsonNode app = createApp(data, "survivor");
        String meetings = platform(app) + "/adhocMeetings";

        Api.Response created = first.api.post(meetings, "{\"subject\":\"Survives kill -9\"}",
                "Authorization", Api.bearer(first.accessToken(app)));
        first.process.destroyForcibly();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(first.process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("killed child exited").isTrue();
        Server second = serve(data, "second");
        String id = created.json().get("onlineMeetingId").asText();
        Api.Response read = second.api.get(meetings + "/" + id, "Authorization", Api.bearer(second.accessToken(app)));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("subject").asText()).isEqualTo("Survives kill -9");
    }

    /**
     * SIGTERM (a service manager's stop) closes Foyer in order: a guest who joined just before is
     * in the meeting's event feed afterwards, written by the history writer on the way out, and
     * the embedded database was not closed under it by its own exit hook.
     */
    @Test
    void aJoinJustBeforeSigtermIsRecordedOnTheWayOut() throws Exception {
        Path data = tempDir.resolve("data");
        Server first = serve(data, "first");
        JsonNode app = createApp(data, "orderly");
        String meetings = platform(app) + "/adhocMeetings";
        String auth = Api.bearer(first.accessToken(app));
        JsonNode meeting = first.api.post(meetings, "{\"subject\":\"Stopped\",\"lobbyBypass\":\"Everyone\"}",
                "Authorization", auth).json();
        String token = first.api.post(platform(app) + "/anonApplicationTokens",
                "{\"applicationSessionId\":\"visitor-1\",\"meetingUrl\":\"" + meeting.get("joinUrl").asText() + "\"}",
                "Authorization", auth).json().get("token").asText();
        String signalingUrl = first.api.get("/discover", "Authorization", Api.bearer(token)).json()
                .get("signalingUrl").asText();
        try (WsClient guest = WsClient.connect(signalingUrl)) {
            guest.join(token, "Grace");
            guest.awaitType("snapshot");

            first.process.destroy(); // SIGTERM
            assertThat(first.process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("stopped child exited").isTrue();
        }

        Path trace = data.resolve("foyer.trace.db");
        assertThat(Files.exists(trace) ? Files.readString(trace) : "").as("H2's trace file")
                .doesNotContain("Database is already closed");
        Server second = serve(data, "second");
        JsonNode feed = second.api.get(meetings + "/" + meeting.get("onlineMeetingId").asText() + "/events?limit=1000",
                "Authorization", Api.bearer(second.accessToken(app))).json();
        List<String> joined = new ArrayList<>();
        feed.get("items").forEach(e -> {
            if ("participant.joined".equals(e.path("type").asText())) {
                joined.add(e.toString());
            }
        });
        assertThat(joined).as("participant.joined in the feed: " + feed).singleElement().asString().contains("Grace");
    }

    /** An application registered with the admin command while a child holds the data directory. */
    private static JsonNode createApp(Path data, String name) {
        return Cli.onData(data, "app", "create", "--name", name, "--json").succeeded().json();
    }

    /** The Platform API's base path for {@code app}. */
    private static String platform(JsonNode app) {
        return LocalServer.platformBase(app.get("appId").asText());
    }

    /** A running {@code foyer serve} child process and an HTTP client for it. */
    private record Server(Process process, Api api) {
        String accessToken(JsonNode app) {
            Api.Response r = LocalServer.requestToken(api, app.get("clientId").asText(),
                    app.get("clientSecret").asText());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return r.json().get("access_token").asText();
        }
    }

    /** Starts {@code foyer serve --port 0 --data data} and waits until it says where it listens. */
    private Server serve(Path data, String name) throws Exception {
        Path stderr = tempDir.resolve(name + "-stderr.log");
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-cp", System.getProperty("java.class.path"),
                        Main.class.getName(), "serve", "--port", "0", "--data", data.toString()))
                .redirectError(stderr.toFile())
                .start();
        children.add(child);
        try {
            String url = runningUrl(child).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new Server(child, new Api(url));
        } catch (Exception e) {
            throw new AssertionError("'foyer serve' (" + name + ") never said it was running; its stderr:\n"
                    + Files.readString(stderr), e);
        }
    }

    /** The URL from the child's "Foyer is running at URL ..." line; reads stdout until then. */
    private static CompletableFuture<String> runningUrl(Process child) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader stdout = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
                for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                    if (line.startsWith(RUNNING)) {
                        return line.substring(RUNNING.length()).split("\\s+")[0];
                    }
                }
                throw new IllegalStateException("exited with " + child.waitFor() + " before it was running");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
