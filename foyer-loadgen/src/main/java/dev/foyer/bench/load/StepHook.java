package dev.foyer.bench.load;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A shell command run around each measured step of a workload ({@code --step-hook}): once as the
 * step's load is about to start, once as it has all been carried, before its guests leave. Made
 * for a profiler or a system-call counter that should see exactly the step, not the tokens minted
 * before it, the warm-up or the guests leaving after it (docs/performance.md, "Profiling").
 *
 * <p>The bench waits for the command, and takes the step's readings (CPU, threads) after the start
 * and before the end, so the command's own work is not the step's. It runs with {@code sh -c} and
 * finds in its environment {@code FOYER_STEP_EVENT} ({@code start} or {@code end}), {@code
 * FOYER_STEP} (1, 2, ...), {@code FOYER_WORKLOAD}, {@code FOYER_SERVER_PID} (empty when the
 * server's process is not known), {@code FOYER_BENCH_PID} and {@code FOYER_JCMD} (the {@code jcmd}
 * of the server's JDK). What it prints goes to the progress stream; a command that exits with
 * another status than 0, or runs longer than {@link #TIMEOUT}, stops the run with a {@link
 * BenchFailure} that says so and ends with what it printed.
 */
final class StepHook {
    /** The longest a command may take: attaching a profiler with {@code jcmd} takes a second or two. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** What a failure's message quotes of the command's output, at most. */
    private static final int QUOTED_CHARS = 2_000;
    static final StepHook NONE = new StepHook(null, -1);

    private final String command;
    private final long serverPid;

    /**
     * @param command the shell command; null: none
     * @param serverPid the server's process id; -1 when not known
     */
    StepHook(String command, long serverPid) {
        this.command = command;
        this.serverPid = serverPid;
    }

    /** Runs the command for {@code event} ({@code start} or {@code end}) of {@code workload}'s step {@code step}. */
    void run(String event, String workload, int step, Progress progress) throws InterruptedException {
        if (command == null) {
            return;
        }
        String what = "--step-hook at the " + event + " of step " + step;
        Path out = null;
        try {
            out = Files.createTempFile("foyer-bench-hook-", ".txt");
            ProcessBuilder b = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = b.environment();
            env.put("FOYER_STEP_EVENT", event);
            env.put("FOYER_STEP", Integer.toString(step));
            env.put("FOYER_WORKLOAD", workload);
            env.put("FOYER_SERVER_PID", serverPid > 0 ? Long.toString(serverPid) : "");
            env.put("FOYER_BENCH_PID", Long.toString(ProcessHandle.current().pid()));
            env.put("FOYER_JCMD", Jcmd.of(serverPid > 0 ? serverPid : ProcessHandle.current().pid()).toString());
            Process p = b.start();
            boolean finished = p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            if (!finished || p.exitValue() != 0) {
                throw new BenchFailure(what + (finished ? " exited with status " + p.exitValue()
                        : " did not finish within " + TIMEOUT.toSeconds() + " s") + quoted(printed));
            }
            for (String line : lines(printed)) {
                progress.note(line);
            }
        } catch (IOException e) {
            throw new BenchFailure(what + " could not run: " + e.getMessage());
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    private static List<String> lines(String printed) {
        return printed.isBlank() ? List.of() : printed.strip().lines().toList();
    }

    private static String quoted(String printed) {
        String s = printed.strip();
        if (s.isEmpty()) {
            return "; it printed nothing";
        }
        return "; it printed:\n" + (s.length() > QUOTED_CHARS ? "..." + s.substring(s.length() - QUOTED_CHARS) : s);
    }
}
