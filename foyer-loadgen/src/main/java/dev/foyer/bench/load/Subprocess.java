package dev.foyer.bench.load;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command the bench waits for ({@code jcmd}, a {@code --step-hook}): its output and errors
 * go to a temporary file rather than a pipe, so that a process it leaves running in the
 * background (a profiler, {@code perf stat}) cannot keep the bench waiting for the pipe's end;
 * its input is empty; a command still running after the timeout is killed.
 */
final class Subprocess {
    private Subprocess() {}

    /**
     * How a command ended.
     *
     * @param inTime whether it exited before the timeout (else it was killed)
     * @param exitCode its exit status (meaningless when not {@code inTime})
     * @param output what it printed, errors included, until it exited or was killed
     */
    record Ended(boolean inTime, int exitCode, String output) {}

    /** Runs {@code command} (its environment as set) and waits at most {@code timeout}. */
    static Ended run(ProcessBuilder command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("foyer-bench-", ".txt");
        try {
            Process p = command.redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean inTime = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!inTime) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            return new Ended(inTime, inTime ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
