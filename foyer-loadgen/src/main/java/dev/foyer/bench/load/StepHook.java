package dev.foyer.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

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

    /**
     * Runs the command for {@code event} ({@code start} or {@code end}) of {@code workload}'s step
     * {@code step}; a warm-up (step 0) is not measured, and runs none.
     */
    void run(String event, String workload, int step, Progress progress) throws InterruptedException {
        if (command == null || step < 1) {
            return;
        }
        String what = "--step-hook at the " + event + " of step " + step;
        ProcessBuilder b = new ProcessBuilder("sh", "-c", command);
        Map<String, String> env = b.environment();
        env.put("FOYER_STEP_EVENT", event);
        env.put("FOYER_STEP", Integer.toString(step));
        env.put("FOYER_WORKLOAD", workload);
        env.put("FOYER_SERVER_PID", serverPid > 0 ? Long.toString(serverPid) : "");
        env.put("FOYER_BENCH_PID", Long.toString(ProcessHandle.current().pid()));
        env.put("FOYER_JCMD", Jcmd.of(serverPid > 0 ? serverPid : ProcessHandle.current().pid()).toString());
        Subprocess.Ended ended;
        try {
            ended = Subprocess.run(b, TIMEOUT);
        } catch (IOException e) {
            throw new BenchFailure(what + " could not run: " + e.getMessage());
        }
        if (!ended.inTime() || ended.exitCode() != 0) {
            throw new BenchFailure(what + (ended.inTime() ? " exited with status " + ended.exitCode()
                    : " did not finish within " + TIMEOUT.toSeconds() + " s") + quoted(ended.output()));
        }
        ended.output().strip().lines().forEach(progress::note);
    }

    private static String quoted(String printed) {
        String s = printed.strip();
        if (s.isEmpty()) {
            return "; it printed nothing";
        }
        return "; it printed:\n" + (s.length() > QUOTED_CHARS ? "..." + s.substring(s.length() - QUOTED_CHARS) : s);
    }
}
