package dev.foyer.cli;

import dev.foyer.bench.load.Bench;
import dev.foyer.bench.load.Churn;
import dev.foyer.bench.load.Fanout;
import dev.foyer.bench.load.Idle;
import dev.foyer.bench.load.JoinStorm;
import dev.foyer.bench.load.Progress;
import dev.foyer.bench.load.TargetOptions;
import dev.foyer.bench.load.Workload;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code foyer bench}: load workloads against a real server (docs/performance.md); the work is in foyer-loadgen. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a Foyer server under load: join latency, fan-out, memory per participant, churn.",
        subcommands = {BenchCommand.JoinStormCommand.class, BenchCommand.FanoutCommand.class,
            BenchCommand.IdleCommand.class, BenchCommand.ChurnCommand.class})
final class BenchCommand {

    /** Where the server is and how the result is printed; shared by every workload. */
    static final class Common {
        @Spec(Spec.Target.MIXEE) CommandSpec spec;

        @Option(names = "--url", paramLabel = "URL", description = "An external server (needs --client-id and --client-secret).")
        String url;
        @Option(names = "--client-id", paramLabel = "ID", description = "An application's client id on the --url server.")
        String clientId;
        @Option(names = "--client-secret", paramLabel = "SECRET",
                description = "Its client secret (env FOYER_BENCH_CLIENT_SECRET).")
        String clientSecret;
        @Option(names = "--server-pid", paramLabel = "PID", defaultValue = "0",
                description = "The --url server's process id, when it runs on this machine: its CPU, RSS, threads,"
                        + " descriptors, JVM flags and version are then read (/proc, jcmd), and its heap after a forced GC.")
        long serverPid;
        @Option(names = "--database-process", paramLabel = "NAME",
                description = "The database server's process name on this machine (postgres): join-storm then reports"
                        + " its CPU per join too (databaseCpuMsPerJoin), which the server's own figures leave out.")
        String databaseProcess;
        @Option(names = "--step-hook", paramLabel = "COMMAND",
                description = "A shell command run as each measured step of join-storm or fanout starts and again once"
                        + " its load is carried (before its guests leave); the bench waits for it. Its environment has"
                        + " FOYER_STEP_EVENT (start or end), FOYER_STEP, FOYER_WORKLOAD, FOYER_SERVER_PID (empty when not"
                        + " known), FOYER_BENCH_PID and FOYER_JCMD: e.g. a profiler attached to the server for exactly"
                        + " the step (docs/performance.md, \"Profiling\"). A failing command stops the run.")
        String stepHook;
        @Option(names = "--spawn", description = "Start the server as a child JVM (else in this JVM), so its CPU, heap and RSS are its own.")
        boolean spawn;
        @Option(names = "--database-url", paramLabel = "JDBC_URL",
                description = "PostgreSQL for the started server instead of a fresh embedded database.")
        String databaseUrl;
        @Option(names = "--database-user", paramLabel = "USER") String databaseUser;
        @Option(names = "--database-password", paramLabel = "PASSWORD", description = "(env FOYER_DATABASE_PASSWORD)")
        String databasePassword;
        @Option(names = "--server-jvm-opts", paramLabel = "FLAGS", split = " ",
                description = "JVM flags of a spawned server (default: -Xms512m -Xmx2g -XX:+UseZGC -XX:+UseTransparentHugePages); e.g. add -XX:StartFlightRecording=filename=server.jfr.")
        List<String> serverJvmOptions;
        @Option(names = "--server-java", paramLabel = "JAVA",
                description = "The java executable of a spawned server (default: the bench's own), e.g."
                        + " /usr/lib/jvm/temurin-25-jdk-amd64/bin/java: Foyer runs on any JDK from 17 on.")
        String serverJava;
        @Option(names = "--json", description = "Print the result as one JSON object.") boolean json;
        @Option(names = "--quiet", description = "No progress line on stderr.") boolean quiet;

        int run(Workload workload) throws InterruptedException {
            String secret = clientSecret != null ? clientSecret : System.getenv("FOYER_BENCH_CLIENT_SECRET");
            String dbPassword = databasePassword != null ? databasePassword : System.getenv("FOYER_DATABASE_PASSWORD");
            TargetOptions target = new TargetOptions(url, clientId, secret, spawn, databaseUrl, databaseUser, dbPassword,
                    serverJvmOptions, serverJava, null, null, serverPid, databaseProcess, stepHook);
            if (url == null && !spawn) {
                // The server runs in this JVM: keep its start-up and per-meeting lines off the progress line.
                ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.foyer"))
                        .setLevel(ch.qos.logback.classic.Level.WARN);
            }
            PrintWriter out = spec.commandLine().getOut();
            Map<String, Object> result;
            try (Progress progress = quiet ? Progress.NONE : Progress.to(spec.commandLine().getErr())) {
                result = Bench.run(workload, target, progress);
            }
            out.println(json ? Bench.json(result) : Bench.table(result));
            out.flush();
            return 0;
        }
    }

    @Command(name = "join-storm", mixinStandardHelpOptions = true,
            description = {"Guests join meetings through the full guest path at a rate; join latency, joins/s, round trips.",
                "Round trips are counted on 5 single joins afterwards: roundTrips.perJoin (and maxPerJoin) in sequence,"
                        + " the longest chain of exchanges each starting after the previous one ended (what a user waits"
                        + " for); exchangesPerJoin every write and the read answering it, summed over sockets (parallel"
                        + " ones included); TCP connects apart. Each answer of a probe join is held back 20 ms, as if it"
                        + " crossed a network, so that exchanges started together overlap; roundTrips.joinMs is the"
                        + " probe join's time with it."})
    static final class JoinStormCommand implements Callable<Integer> {
        @Mixin Common common;
        @Option(names = "--meetings", defaultValue = "10", description = "Meetings (default ${DEFAULT-VALUE}).") int meetings;
        @Option(names = "--size", defaultValue = "100", description = "Guests per meeting (default ${DEFAULT-VALUE}).") int size;
        @Option(names = "--rate", defaultValue = "500", description = "Joins per second (default ${DEFAULT-VALUE}).") double rate;
        @Option(names = "--step-up", description = "Multiply the rate by --step-factor after each step until p99 > 100 ms or errors.")
        boolean stepUp;
        @Option(names = "--step-factor", defaultValue = "1.5", description = "Default ${DEFAULT-VALUE}.") double stepFactor;
        @Option(names = "--max-steps", defaultValue = "8", description = "Default ${DEFAULT-VALUE}.") int maxSteps;
        @Option(names = "--warmup-meetings", defaultValue = "2",
                description = "Meetings joined and left first, not counted, to warm the JIT (default ${DEFAULT-VALUE}).")
        int warmupMeetings;
        @Option(names = "--client", defaultValue = "sdk", paramLabel = "sdk|lean",
                description = "sdk: one foyer-sdk conversation per guest, as apps run (default); lean: the same protocol"
                        + " on Netty, one event loop per core for all guests, so the server rather than this side runs out of CPU first.")
        FanoutCommand.Client client;
        @Option(names = "--filling", defaultValue = "0", paramLabel = "K",
                description = "Meetings filling at once: guests go round K meetings until they are full, then round the"
                        + " next K, so that a long storm's meetings fill and fall quiet as meetings that start on time do"
                        + " (default 0: all meetings fill together until the last guest, and every guest hears of every"
                        + " later one in its meeting).")
        int filling;
        @Option(names = "--mint-on-arrival",
                description = "Mint each guest's token over the Platform API as the guest arrives, as a back-end does"
                        + " when its visitor taps \"join\": the mint counts in the join's latency and CPU. By default"
                        + " all tokens are minted first and a join's time starts with its token in hand.")
        boolean mintOnArrival;

        @Override
        public Integer call() throws InterruptedException {
            return common.run(new JoinStorm(new JoinStorm.Params(meetings, size, rate, stepUp, stepFactor, maxSteps,
                    warmupMeetings, Duration.ofSeconds(60), client == FanoutCommand.Client.lean, filling,
                    mintOnArrival)));
        }
    }

    @Command(name = "fanout", mixinStandardHelpOptions = true,
            description = "Participants chat at a stepped aggregate rate; deliveries/s and end-to-end latency per step.")
    static final class FanoutCommand implements Callable<Integer> {
        @Mixin Common common;
        @Option(names = "--participants", defaultValue = "100", description = "Per meeting (default ${DEFAULT-VALUE}).") int participants;
        @Option(names = "--meetings", defaultValue = "10", description = "Default ${DEFAULT-VALUE}.") int meetings;
        @Option(names = "--rate", defaultValue = "250", description = "First step's chat lines per second, all meetings together (default ${DEFAULT-VALUE}).")
        double rate;
        @Option(names = "--step-factor", defaultValue = "2", description = "Default ${DEFAULT-VALUE}.") double stepFactor;
        @Option(names = "--max-steps", defaultValue = "6", description = "Default ${DEFAULT-VALUE}.") int maxSteps;
        @Option(names = "--step-seconds", defaultValue = "10", description = "Default ${DEFAULT-VALUE}.") int stepSeconds;
        @Option(names = "--text-bytes", defaultValue = "100", description = "Chat line length (default ${DEFAULT-VALUE}).") int textBytes;
        @Option(names = "--join-rate", defaultValue = "200", description = "Joins per second while filling the meetings (default ${DEFAULT-VALUE}).")
        double joinRate;
        @Option(names = "--client", defaultValue = "sdk", paramLabel = "sdk|lean",
                description = "sdk: one foyer-sdk conversation per participant, as apps run (default); lean: the same"
                        + " protocol on Netty, one event loop per core for all participants, so the server rather than this side runs out of CPU first.")
        Client client;

        @Option(names = "--warmup-seconds", defaultValue = "5",
                description = "A first step at --rate, not counted, while the JIT compilers of both sides settle (default ${DEFAULT-VALUE}).")
        int warmupSeconds;

        /** Which client the participants use. */
        enum Client { sdk, lean }

        @Override
        public Integer call() throws InterruptedException {
            return common.run(new Fanout(new Fanout.Params(participants, meetings, rate, stepFactor, maxSteps, stepSeconds,
                    textBytes, joinRate, client == Client.lean, warmupSeconds)));
        }
    }

    @Command(name = "idle", mixinStandardHelpOptions = true,
            description = "Idle joined participants; server heap after GC and RSS per participant, join rate.")
    static final class IdleCommand implements Callable<Integer> {
        @Mixin Common common;
        @Option(names = "--participants", defaultValue = "10000", description = "Default ${DEFAULT-VALUE}.") int participants;
        @Option(names = "--meeting-size", defaultValue = "100", description = "Default ${DEFAULT-VALUE}.") int meetingSize;
        @Option(names = "--rate", defaultValue = "500", description = "Joins per second (default ${DEFAULT-VALUE}).") double rate;
        @Option(names = "--settle-seconds", defaultValue = "5", description = "Wait before measuring (default ${DEFAULT-VALUE}).")
        int settleSeconds;

        @Override
        public Integer call() throws InterruptedException {
            return common.run(new Idle(new Idle.Params(participants, meetingSize, rate, settleSeconds)));
        }
    }

    @Command(name = "churn", mixinStandardHelpOptions = true,
            description = "Participants join and leave continuously; heap, threads, fds and live-state rows at start and end.")
    static final class ChurnCommand implements Callable<Integer> {
        @Mixin Common common;
        @Option(names = "--seconds", defaultValue = "300", description = "How long (default ${DEFAULT-VALUE}).") int seconds;
        @Option(names = "--population", defaultValue = "200", description = "Guests present at any time (default ${DEFAULT-VALUE}).")
        int population;
        @Option(names = "--meetings", defaultValue = "10", description = "Default ${DEFAULT-VALUE}.") int meetings;
        @Option(names = "--rate", defaultValue = "20", description = "Replacements (a leave and a join) per second (default ${DEFAULT-VALUE}).")
        double rate;
        @Option(names = "--sample-seconds", defaultValue = "30", description = "Default ${DEFAULT-VALUE}.") int sampleSeconds;
        @Option(names = "--meeting-joins", defaultValue = "0", description = "Joins a meeting takes before a new one "
                + "replaces it; the back-end ends it once empty, as when every visitor gets a meeting of their own "
                + "(default ${DEFAULT-VALUE}: the meetings last the whole run).")
        int meetingJoins;

        @Override
        public Integer call() throws InterruptedException {
            return common.run(new Churn(new Churn.Params(seconds, population, meetings, rate, sampleSeconds,
                    meetingJoins)));
        }
    }
}
