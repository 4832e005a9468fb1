package dev.foyer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.TestServer;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foyer join} end to end: two in-process runs chat through a real server. */
class JoinCommandTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aStaffMemberAndAGuestChatThroughTheServer() throws Exception {
        MeetingScenario m = new MeetingScenario(server);
        String joinUrl = m.meeting().get("joinUrl").asText();
        String staffToken = m.staffToken("advisor-7", "Ada Advisor", "presenter");

        try (Run advisor = Run.start("join", "--name", "ignored", "--join-url", joinUrl, "--token", staffToken,
                "--discover-uri", server.api().base() + "/discover", "--json", "--admit-all", "--say", "Welcome!")) {
            advisor.await(e -> e.path("event").asText().equals("state") && e.path("state").asText().equals("established"));
            try (Run guest = Run.start("join", "--name", "Grace Guest", "--meeting-url", joinUrl, "--json",
                    "--say", "Hi, Grace here")) {
                guest.await(e -> e.path("state").asText().equals("in_lobby"));
                guest.await(e -> e.path("event").asText().equals("lobby.waiting"));
                // Typed in the lobby, where the server takes no chat: held, not lost.
                guest.type("Typed while waiting");
                guest.await(e -> e.path("event").asText().equals("notice")
                        && e.path("message").asText().contains("will be sent once you are in the meeting"));
                advisor.await(e -> e.path("event").asText().equals("lobby.entered")
                        && e.path("participant").path("displayName").asText().equals("Grace Guest"));
                guest.await(e -> e.path("state").asText().equals("established"));
                // The history on admission, then the guest's --say line and what it typed, in order.
                guest.await(e -> e.path("event").asText().equals("chat") && e.path("text").asText().equals("Welcome!"));
                guest.await(e -> e.path("event").asText().equals("chat.state") && e.path("state").asText().equals("sent"));
                JsonNode hi = advisor.await(e -> e.path("event").asText().equals("chat") && e.path("text").asText().equals("Hi, Grace here"));
                assertThat(hi.path("fromName").asText()).isEqualTo("Grace Guest");
                assertThat(hi.path("outgoing").asBoolean()).isFalse();
                JsonNode typed = advisor.await(e -> e.path("event").asText().equals("chat"));
                assertThat(typed.path("text").asText()).isEqualTo("Typed while waiting");

                guest.type("How long will it take?");
                advisor.await(e -> e.path("text").asText().equals("How long will it take?"));
                advisor.type("About ten minutes.");
                guest.await(e -> e.path("text").asText().equals("About ten minutes.")
                        && e.path("fromName").asText().equals("Ada Advisor"));

                guest.type("/leave");
                assertThat(guest.exitCode()).isZero();
                guest.await(e -> e.path("event").asText().equals("ended") && e.path("reason").asText().equals("left"));
            }
            advisor.await(e -> e.path("event").asText().equals("participant.left")
                    && e.path("participant").path("displayName").asText().equals("Grace Guest"));
            advisor.type("/leave");
            assertThat(advisor.exitCode()).isZero();
        }
    }

    @Test
    void readableOutputAndExitAfter() throws Exception {
        MeetingScenario m = new MeetingScenario(server, "{\"subject\":\"Quick chat\",\"lobbyBypass\":\"Everyone\"}");
        try (Run guest = Run.start("join", "--name", "Grace", "--meeting-url", m.meeting().get("joinUrl").asText(),
                "--say", "hello", "--exit-after", "1.5")) {
            assertThat(guest.exitCode()).isZero();
            assertThat(guest.output()).contains("[established] in \"Quick chat\" as Grace", "Grace: hello", "[ended] left");
        }
    }

    @Test
    void aFailedJoinExitsNonZeroWithAMessage() throws Exception {
        try (Run bad = Run.start("join", "--name", "Grace", "--meeting-url", server.api().base() + "/not/a/meeting")) {
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.errors()).startsWith("foyer: not a Foyer meeting URL");
        }
        MeetingScenario m = new MeetingScenario(server);
        try (Run used = Run.start("join", "--name", "Grace", "--token", "forged", "--discover-uri",
                server.api().base() + "/discover", "--json")) {
            assertThat(used.exitCode()).isEqualTo(1);
            JsonNode ended = used.await(e -> e.path("event").asText().equals("ended"));
            assertThat(ended.path("error").path("kind").asText()).isEqualTo("token_invalid");
        }
        assertThat(m.meetingId()).isNotEmpty();
    }

    /**
     * Ctrl-C or SIGTERM leaves the meeting before the process exits: the others see the guest go
     * at once, not when the server's resume grace (30 s) runs out for a dropped connection.
     */
    @Test
    void aSignalLeavesTheMeetingBeforeExiting(@TempDir Path dir) throws Exception {
        MeetingScenario m = new MeetingScenario(server, "{\"subject\":\"Signals\",\"lobbyBypass\":\"Everyone\"}");
        String joinUrl = m.meeting().get("joinUrl").asText();
        try (Run observer = Run.start("join", "--name", "Olga", "--meeting-url", joinUrl, "--json")) {
            observer.await(e -> e.path("state").asText().equals("established"));
            Process leaver = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                            Main.class.getName(), "join", "--name", "Leo", "--meeting-url", joinUrl))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("leo.out").toFile())
                    .start();
            try {
                observer.await(e -> e.path("event").asText().equals("participant.joined")
                        && e.path("participant").path("displayName").asText().equals("Leo"));
                leaver.destroy(); // SIGTERM
                JsonNode left = observer.await(e -> e.path("event").asText().equals("participant.left")
                        && e.path("participant").path("displayName").asText().equals("Leo"));
                assertThat(left).isNotNull();
                assertThat(leaver.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(Files.readString(dir.resolve("leo.out"))).contains("[ended] left");
            } finally {
                leaver.destroyForcibly();
            }
        }
    }

    /** One {@code foyer} run in this JVM, with a pipe for stdin and its stdout read line by line. */
    static final class Run implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final PipedOutputStream stdin = new PipedOutputStream();
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> all = new ArrayList<>();
        private final StringWriter err = new StringWriter();
        private final CompletableFuture<Integer> exit;

        private Run(String... args) throws IOException {
            PipedInputStream in = new PipedInputStream(stdin);
            PrintWriter out = new PrintWriter(new LineWriter(lines, all), true);
            exit = CompletableFuture.supplyAsync(() -> Main.run(in, out, new PrintWriter(err, true), args));
        }

        static Run start(String... args) throws IOException {
            return new Run(args);
        }

        void type(String line) throws IOException {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        /** Takes output lines until a JSON line matches; fails after 15 s. */
        JsonNode await(Predicate<JsonNode> match) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                seen.add(line);
                JsonNode e = JSON.readTree(line);
                if (match.test(e)) {
                    return e;
                }
            }
            throw new AssertionError("no matching line within 15 s; saw " + seen + "; stderr: " + err);
        }

        int exitCode() throws Exception {
            return exit.get(20, TimeUnit.SECONDS);
        }

        String output() {
            synchronized (all) {
                return String.join("\n", all);
            }
        }

        String errors() {
            return err.toString();
        }

        @Override
        public void close() throws Exception {
            if (!exit.isDone()) {
                type("/leave");
                exit.get(20, TimeUnit.SECONDS);
            }
            stdin.close();
        }
    }

    /** Splits what is written into lines. */
    static final class LineWriter extends Writer {
        private final LinkedBlockingQueue<String> lines;
        private final List<String> all;
        private final StringBuilder current = new StringBuilder();

        LineWriter(LinkedBlockingQueue<String> lines, List<String> all) {
            this.lines = lines;
            this.all = all;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    String line = current.toString();
                    current.setLength(0);
                    lines.add(line);
                    synchronized (all) {
                        all.add(line);
                    }
                } else if (c != '\r') {
                    current.append(c);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
