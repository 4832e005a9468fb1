package dev.foyer.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs {@code jcmd} against a server process on this machine, with the {@code jcmd} of the JDK
 * that process runs on (beside its {@code java}, {@link ExternalServer#java}), so that a
 * server on another JDK than the bench's (a newer one, say) is attached to by its own tools. Falls
 * back to the bench's own JDK where the process's cannot be found.
 */
final class Jcmd {
    private Jcmd() {}

    /** The {@code jcmd} of the JDK that process {@code pid} runs on, or the bench's own. */
    static Path of(long pid) {
        return ExternalServer.java(pid)
                .map(java -> java.resolveSibling("jcmd"))
                .filter(Files::isExecutable)
                // Not Linux, the process is gone, or not a JDK's java: the bench's own jcmd then.
                .orElse(Path.of(System.getProperty("java.home"), "bin", "jcmd"));
    }

    /**
     * Runs {@code jcmd <pid> <command>} and returns what it printed, its error output included; a
     * jcmd still running after {@code timeoutSeconds} is killed, and what it printed until then
     * returned.
     *
     * @throws IOException when jcmd cannot be started
     */
    static String run(long pid, String command, long timeoutSeconds) throws IOException, InterruptedException {
        return Subprocess.run(new ProcessBuilder(of(pid).toString(), Long.toString(pid), command),
                Duration.ofSeconds(timeoutSeconds)).output();
    }
}
