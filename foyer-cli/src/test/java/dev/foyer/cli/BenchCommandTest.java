package dev.foyer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foyer bench} at a tiny scale against real servers: each workload finishes without
 * errors and prints the JSON result its consumers read. No timing is asserted.
 */
class BenchCommandTest {

    @Test
    void joinStormReportsLatencyThroughputAndRoundTrips() {
        JsonNode r = bench("join-storm", "--meetings", "1", "--size", "4", "--rate", "20", "--warmup-meetings", "0");
        assertThat(r.path("workload").asText()).isEqualTo("join-storm");
        assertThat(r.path("parameters").path("clients").asInt()).isEqualTo(4);
        assertThat(r.path("parameters").path("filling").asInt()).as("all meetings filling together").isZero();
        assertThat(r.path("machine").path("deflateMs").asDouble()).as("the machine's speed that day").isPositive();
        assertThat(r.path("machine").path("loopbackRoundTripUs").asDouble()).as("its system calls' that day").isPositive();
        assertThat(r.path("machine").path("hiccups").path("maxMs").isNumber()).as("its stalls that day").isTrue();
        assertThat(r.path("machine").path("transparentHugePages").path("shmemEnabled").isTextual())
                .as("whether a ZGC heap can sit on huge pages").isTrue();
        // The in-process server is this JVM: some share of it, 0 to 1, on huge pages.
        assertThat(r.path("server").path("residentOnHugePages").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.has("phasesMs")).as("the SDK's steps are its own: timed on the lean client only").isFalse();
        for (String p : new String[] {"p50", "p95", "p99", "max"}) {
            assertThat(r.path("latencyMs").path(p).isNumber()).as(p).isTrue();
        }
        assertThat(r.path("maxJoinsPerSecond").isNumber()).isTrue();
        assertThat(r.path("errorReasons").isObject()).as("why joins failed, by reason: none here").isTrue();
        assertThat(r.path("errorReasons").size()).isZero();
        JsonNode trips = r.path("roundTrips");
        assertThat(trips.path("perJoin").asDouble()).isGreaterThan(0);
        // Discovery and the WebSocket upgrade run side by side: fewer round trips in sequence than exchanges.
        assertThat(trips.path("maxPerJoin").asLong()).isPositive();
        assertThat(trips.path("exchangesPerJoin").asDouble()).isGreaterThan(trips.path("perJoin").asDouble());
        assertThat(r.path("steps")).hasSize(1);
        assertThat(r.path("bySecond").get(0).path("joined").asInt()).as("by the second they were due").isEqualTo(4);
        JsonNode step = r.path("steps").get(0);
        // 4 arrivals 50 ms apart take 150 ms, and the last one's join some more; the rate is over that time.
        assertThat(step.path("seconds").asDouble()).isGreaterThanOrEqualTo(0.15);
        assertThat(step.path("joinsPerSecond").asDouble() * step.path("seconds").asDouble()).isCloseTo(4.0, within(0.2));
        assertThat(step.path("exchangesPerJoin").asDouble()).isPositive();
        // The JIT's and GC's shares of each side's CPU per join, read per thread from /proc.
        assertThat(step.path("benchCpuMsPerJoin").asDouble()).isPositive();
        for (String part : new String[] {"serverJitMsPerJoin", "serverGcMsPerJoin", "benchJitMsPerJoin",
                "benchGcMsPerJoin"}) {
            assertThat(step.path(part).asDouble()).as(part).isBetween(0.0, step.path("benchCpuMsPerJoin").asDouble());
        }
        assertThat(step.path("databaseCpuMsPerJoin").asDouble()).as("no database process named").isEqualTo(-1.0);
        // Where the server's CPU went, by group of threads (this in-process server's are the bench's own).
        JsonNode byThreads = step.path("serverThreadsMsPerJoin");
        assertThat(byThreads.size()).isPositive();
        assertThat(byThreads.fieldNames()).toIterable().noneMatch(name -> name.matches(".*[-#]\\d+$"));
        byThreads.forEach(ms -> assertThat(ms.asDouble()).isBetween(0.005, step.path("benchCpuMsPerJoin").asDouble()));
    }

    @Test
    void aJoinStormOnPostgresReportsItsCpuPerJoinAndPerMintToo() {
        try (TestDatabases.TestDatabase db = TestDatabases.freshPostgres()) {
            // 100 joins: /proc counts CPU in 10 ms ticks, and PostgreSQL's share of 4 joins once read as 0.
            JsonNode r = bench("join-storm", "--client", "lean", "--meetings", "2", "--size", "50", "--rate", "100",
                    "--warmup-meetings", "0", "--database-url", db.config().databaseUrl(), "--database-process",
                    "postgres");

            assertThat(r.path("steps").get(0).path("databaseCpuMsPerJoin").asDouble()).isPositive();
            assertThat(r.path("steps").get(0).path("serverCpuMsPerMint").asDouble()).isPositive();
        }
        Cli.Result unknown = Cli.run("bench", "join-storm", "--database-process", "no-such-database", "--quiet");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("--database-process no-such-database: no process of that name");
    }

    @Test
    void fanoutDeliversEveryLineToEveryParticipant() {
        JsonNode r = bench("fanout", "--participants", "3", "--meetings", "1", "--rate", "3", "--max-steps", "1",
                "--step-seconds", "2", "--join-rate", "20");
        assertThat(r.path("workload").asText()).isEqualTo("fanout");
        JsonNode step = r.path("steps").get(0);
        assertThat(step.path("lost").asLong()).isZero();
        assertThat(step.path("deliveries").asLong()).isEqualTo(step.path("lines").asLong() * 3);
        assertThat(r.path("maxDeliveriesPerSecond").isNumber()).isTrue();
        assertThat(r.path("latencyMs").path("p99").isNumber()).isTrue();
    }

    @Test
    void aJoinStormMintingOnArrivalCountsEachMintInItsJoin() {
        JsonNode r = bench("join-storm", "--client", "lean", "--meetings", "2", "--size", "3", "--rate", "20",
                "--warmup-meetings", "0", "--mint-on-arrival");
        assertThat(r.path("errors").asLong()).isZero();
        assertThat(r.path("parameters").path("mintOnArrival").asBoolean()).isTrue();
        JsonNode step = r.path("steps").get(0);
        assertThat(step.path("clients").asInt()).isEqualTo(6);
        assertThat(r.path("bySecond").get(0).path("joined").asInt()).isEqualTo(6);
        assertThat(step.has("mintTokensPerSecond")).as("no minting apart from the joins").isFalse();
        assertThat(step.has("serverCpuMsPerMint")).isFalse();
        // From its due time to the join's start, each guest waited for its token: a Platform API call
        // that signs the token and commits its record (about 0.1 ms without it, at this rate).
        assertThat(r.path("phasesMs").path("start").path("p50").asDouble()).as("the mint, in the join's time")
                .isGreaterThan(0.3);
        assertThat(r.path("latencyMs").path("p50").asDouble())
                .isGreaterThan(r.path("phasesMs").path("start").path("p50").asDouble());
    }

    @Test
    void leanJoinStormJoinsEveryGuestAndStillCountsRoundTripsOnTheSdk() {
        JsonNode r = bench("join-storm", "--client", "lean", "--meetings", "2", "--size", "3", "--rate", "20",
                "--warmup-meetings", "0", "--filling", "1");
        assertThat(r.path("errors").asLong()).isZero();
        assertThat(r.path("parameters").path("filling").asInt()).as("one meeting filled, then the other").isEqualTo(1);
        assertThat(r.path("steps").get(0).path("clients").asInt()).isEqualTo(6);
        assertThat(r.path("latencyMs").path("p99").asDouble()).isPositive();
        assertThat(r.path("roundTrips").path("perJoin").asDouble()).isGreaterThan(0);
        // Where the joins' time went: each step of a join took part of its whole, never more.
        double slowest = r.path("latencyMs").path("max").asDouble();
        for (String step : new String[] {"start", "loop", "connect", "discovery", "upgrade", "join"}) {
            JsonNode phase = r.path("phasesMs").path(step);
            assertThat(phase.path("p50").asDouble()).as(step).isGreaterThanOrEqualTo(0.0);
            assertThat(phase.path("max").asDouble()).as(step).isLessThanOrEqualTo(slowest + 0.01);
        }
        assertThat(r.path("phasesMs").path("discovery").path("max").asDouble()).as("a request and its answer").isPositive();
        assertThat(r.path("phasesMs").path("join").path("max").asDouble()).as("join to snapshot").isPositive();
        assertThat(r.path("steps").get(0).path("phasesMs").path("upgrade").path("max").asDouble()).isPositive();
        // 6 arrivals at 20/s were all due in the step's first second, and all joined.
        JsonNode seconds = r.path("bySecond");
        assertThat(seconds).hasSize(1);
        assertThat(seconds.get(0).path("arrivals").asInt()).isEqualTo(6);
        assertThat(seconds.get(0).path("joined").asInt()).isEqualTo(6);
        assertThat(seconds.get(0).path("max").asDouble()).isPositive().isLessThanOrEqualTo(slowest * 1.02);
        assertThat(r.path("steps").get(0).path("bySecond")).isEqualTo(seconds);
    }

    @Test
    void leanFanoutDeliversEveryLineToEveryParticipantToo() {
        JsonNode r = bench("fanout", "--client", "lean", "--participants", "4", "--meetings", "2", "--rate", "6",
                "--max-steps", "1", "--step-seconds", "2", "--join-rate", "20");
        assertThat(r.path("parameters").path("client").asText()).startsWith("lean");
        JsonNode step = r.path("steps").get(0);
        assertThat(step.path("lost").asLong()).isZero();
        assertThat(step.path("failed").asLong()).isZero();
        assertThat(step.path("deliveries").asLong()).isEqualTo(step.path("lines").asLong() * 4);
    }

    @Test
    void idleMeasuresMemoryPerParticipantOfASpawnedServer() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        JsonNode r = bench("idle", "--participants", "5", "--meeting-size", "3", "--rate", "20", "--settle-seconds", "0",
                "--spawn", "--server-jvm-opts", "-Xmx256m", "--server-java", java.toString());
        assertThat(r.path("server").path("mode").asText()).isEqualTo("spawned");
        assertThat(r.path("server").path("jvmFlags").toString()).contains("-Xmx256m");
        assertThat(r.path("server").path("java").asText()).isEqualTo(java.toRealPath().toString());
        assertThat(r.path("server").path("javaVersion").asText())
                .startsWith(Runtime.version().feature() + ".");
        assertThat(r.path("joined").asInt()).isEqualTo(5);
        assertThat(r.path("heapBytesPerParticipant").isNumber()).isTrue();
        assertThat(r.path("rssBytesPerParticipant").isNumber()).isTrue();
        assertThat(r.path("pssBytesPerParticipant").isNumber()).isTrue();
        assertThat(r.path("after").path("threads").asLong()).isPositive();
    }

    @Test
    void churnReportsStartAndEndOfHeapThreadsFdsAndRows() {
        JsonNode r = bench("churn", "--seconds", "2", "--population", "4", "--meetings", "2", "--rate", "3",
                "--sample-seconds", "1");
        assertThat(r.path("joins").asLong()).isPositive();
        for (String at : new String[] {"start", "end"}) {
            JsonNode s = r.path(at);
            assertThat(s.path("heapBytes").asLong()).as(at).isPositive();
            assertThat(s.path("threads").asLong()).as(at).isPositive();
            assertThat(s.path("fds").asLong()).as(at).isPositive();
            assertThat(s.path("rows").path("openParticipations").asLong()).as(at).isEqualTo(4);
        }
    }

    @Test
    void churnWithMeetingTurnoverEndsEachMeetingOnceEmptyAndKeepsThePopulation() {
        JsonNode r = bench("churn", "--seconds", "3", "--population", "4", "--meetings", "2", "--rate", "4",
                "--sample-seconds", "1", "--meeting-joins", "3");
        assertThat(r.path("errors").asLong()).isZero();
        assertThat(r.path("parameters").path("meetingJoins").asInt()).isEqualTo(3);
        assertThat(r.path("meetingsEnded").asLong()).isPositive();
        assertThat(r.path("end").path("rows").path("openParticipations").asLong()).isEqualTo(4);

        // Fewer guests than meetings: a meeting is often empty by the time it is retired.
        JsonNode sparse = bench("churn", "--seconds", "2", "--population", "2", "--meetings", "4", "--rate", "4",
                "--sample-seconds", "1", "--meeting-joins", "1");
        assertThat(sparse.path("errors").asLong()).isZero();
        assertThat(sparse.path("meetingsEnded").asLong()).isGreaterThanOrEqualTo(sparse.path("joins").asLong() - 4);
    }

    @Test
    void anExternalServerOnThisMachineIsMeasuredThroughItsProcessId(@TempDir Path data) {
        try (LocalServer server = LocalServer.start(data)) {
            JsonNode app = Cli.onData(data, "app", "create", "--name", "bench", "--json").succeeded().json();
            long pid = ProcessHandle.current().pid(); // the server runs in this JVM

            JsonNode r = bench("idle", "--participants", "3", "--meeting-size", "3", "--rate", "20",
                    "--settle-seconds", "0", "--url", server.server().url(), "--client-id",
                    app.get("clientId").asText(), "--client-secret", app.get("clientSecret").asText(),
                    "--server-pid", Long.toString(pid));

            assertThat(r.path("server").path("mode").asText()).isEqualTo("external");
            assertThat(r.path("server").path("pid").asLong()).isEqualTo(pid);
            assertThat(r.path("server").path("javaVersion").asText())
                    .startsWith(Integer.toString(Runtime.version().feature()));
            assertThat(r.path("joined").asInt()).isEqualTo(3);
            assertThat(r.path("after").path("threads").asLong()).isPositive();
            assertThat(r.path("after").path("rssBytes").asLong()).isPositive();

            Cli.Result refused = Cli.run("bench", "join-storm", "--url", server.server().url(), "--client-id",
                    app.get("clientId").asText(), "--client-secret", "wrong", "--quiet");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).startsWith("foyer: ").contains("invalid_client")
                    .doesNotContain("CompletionException");
        }
        Cli.Result gone = Cli.run("bench", "idle", "--url", "http://127.0.0.1:1", "--client-id", "x", "--client-secret",
                "y", "--server-pid", "999999999", "--quiet");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("no such process");
    }

    @Test
    void aStepHookRunsAtTheStartAndTheEndOfEachMeasuredStepOnly(@TempDir Path dir) throws Exception {
        Path calls = dir.resolve("calls.txt");
        String hook = "echo \"$FOYER_STEP_EVENT $FOYER_STEP $FOYER_WORKLOAD $FOYER_SERVER_PID\" >> '" + calls + "';"
                + " test -x \"$FOYER_JCMD\" && echo \"hook: step $FOYER_STEP $FOYER_STEP_EVENT\"";
        long pid = ProcessHandle.current().pid(); // the server runs in this JVM

        Cli.Result storm = Cli.run("bench", "join-storm", "--client", "lean", "--meetings", "1", "--size", "3",
                "--rate", "20", "--warmup-meetings", "1", "--step-hook", hook, "--json");
        JsonNode r = storm.succeeded().json(); // what the hook printed went to stderr, not into the JSON
        assertThat(r.path("errors").asLong()).isZero();
        assertThat(r.path("stepHook").asText()).as("recorded with the figures it may have slowed").isEqualTo(hook);
        // Not at the warm-up (step 0): only around the step that is measured.
        assertThat(Files.readAllLines(calls)).containsExactly("start 1 join-storm " + pid, "end 1 join-storm " + pid);
        assertThat(storm.err()).contains("hook: step 1 start").contains("hook: step 1 end");

        Files.delete(calls);
        bench("fanout", "--participants", "3", "--meetings", "1", "--rate", "3", "--max-steps", "1",
                "--step-seconds", "1", "--join-rate", "20", "--step-hook", hook);
        assertThat(Files.readAllLines(calls)).containsExactly("start 1 fanout " + pid, "end 1 fanout " + pid);
    }

    @Test
    void aFailingStepHookStopsTheRunAndSaysWhy() {
        Cli.Result failed = Cli.run("bench", "join-storm", "--meetings", "1", "--size", "2", "--rate", "20",
                "--warmup-meetings", "0", "--step-hook", "echo no profiler here >&2; exit 3", "--quiet");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).startsWith("foyer: --step-hook at the start of step 1 exited with status 3;"
                + " it printed:\nno profiler here");

        Cli.Result blank = Cli.run("bench", "join-storm", "--step-hook", " ", "--quiet");
        assertThat(blank.exitCode()).isEqualTo(1);
        assertThat(blank.err()).contains("--step-hook needs a command");
    }

    @Test
    void aServerJavaMustBeAnExecutableForASpawnedServer(@TempDir Path dir) {
        Cli.Result missing = Cli.run("bench", "idle", "--spawn", "--server-java", dir.resolve("java").toString(), "--quiet");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("--server-java " + dir.resolve("java") + ": no executable file there");

        Cli.Result notSpawned = Cli.run("bench", "idle", "--server-java", "/bin/sh", "--quiet");
        assertThat(notSpawned.exitCode()).isEqualTo(1);
        assertThat(notSpawned.err()).contains("--server-java is the java of a --spawn server");
    }

    @Test
    void externalServerNeedsApplicationCredentials() {
        Cli.Result r = Cli.run("bench", "idle", "--url", "http://127.0.0.1:1", "--quiet");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--client-id");
    }

    private static JsonNode bench(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--json";
        all[args.length + 2] = "--quiet";
        JsonNode r = Cli.run(all).succeeded().json();
        assertThat(r.path("errors").asLong()).as(r.toString()).isZero();
        assertThat(r.has("parameters")).isTrue();
        assertThat(r.path("server").path("jvmFlags").isArray()).isTrue();
        assertThat(r.path("loadGenerator").path("cpuSeconds").isNumber()).isTrue();
        // Netty's native transport ships for Linux on x86-64, where the tests run; NIO elsewhere.
        boolean linuxX64 = System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64");
        assertThat(r.path("loadGenerator").path("leanTransport").asText()).isEqualTo(linuxX64 ? "epoll" : "nio");
        return r;
    }
}
