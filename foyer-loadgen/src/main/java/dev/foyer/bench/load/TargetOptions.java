package dev.foyer.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which server a workload runs against. With {@code url} set, an external server (the bench needs
 * an application's {@code clientId} and {@code clientSecret} there); otherwise a fresh server on a
 * free port with its own data: in this JVM, or with {@code spawn} as a child JVM, so that its
 * CPU, heap, RSS, threads and descriptors are its own.
 *
 * @param databaseUrl PostgreSQL for the started server instead of a fresh embedded database (its
 *     rows are counted by churn); for an external server, where to count them
 * @param serverJvmOptions the child's JVM flags ({@code spawn} only)
 * @param serverJava the child's {@code java} executable ({@code spawn} only); null: the bench's
 *     own. A server may run on a newer JDK than the one it was built for (docs/performance.md,
 *     "The eleventh session").
 * @param serverClasspath the child's class path; default this JVM's (the foyer jar)
 * @param serverArgs extra {@code foyer serve} options for a spawned server
 * @param serverPid the process id of the {@code url} server when it runs on this machine (0: not
 *     known): its CPU, RSS, threads, descriptors, JVM flags and version are then read from {@code
 *     /proc} and {@code jcmd}, and its heap after a forced GC, as for a spawned server
 * @param databaseProcess the name of a database server's processes on this machine
 *     ({@code postgres}), whose CPU a join storm then reports per join; null: not measured
 * @param stepHook a shell command run at the start and the end of each measured step ({@link
 *     StepHook}); null: none
 */
public record TargetOptions(String url, String clientId, String clientSecret, boolean spawn, String databaseUrl,
        String databaseUser, String databasePassword, List<String> serverJvmOptions, String serverJava, String serverClasspath,
        List<String> serverArgs, long serverPid, String databaseProcess, String stepHook) {

    /**
     * Default flags of a spawned server: a fixed heap ceiling, so heap figures compare between runs,
     * and ZGC on transparent huge pages, as {@code ./foyer serve} runs it: G1's young pauses were a
     * join storm's p99 (docs/performance.md, "The seventh session"), and a heap of 4 KiB pages
     * stalled the test machine ("The twenty-fourth session").
     */
    public static final List<String> DEFAULT_SERVER_JVM_OPTIONS =
            List.of("-Xms512m", "-Xmx2g", "-XX:+UseZGC", "-XX:+UseTransparentHugePages");

    public TargetOptions {
        serverJvmOptions = serverJvmOptions == null ? DEFAULT_SERVER_JVM_OPTIONS : List.copyOf(serverJvmOptions);
        serverArgs = serverArgs == null ? List.of() : List.copyOf(serverArgs);
        if (url != null && (clientId == null || clientSecret == null)) {
            throw new IllegalArgumentException("--url needs --client-id and --client-secret of an application on that server");
        }
        if (url != null && spawn) {
            throw new IllegalArgumentException("--url and --spawn exclude each other");
        }
        if (serverJava != null && !spawn) {
            throw new IllegalArgumentException("--server-java is the java of a --spawn server");
        }
        if (serverJava != null && !Files.isExecutable(Path.of(serverJava))) {
            throw new IllegalArgumentException("--server-java " + serverJava + ": no executable file there");
        }
        if (serverPid != 0 && url == null) {
            throw new IllegalArgumentException("--server-pid names the process of the --url server");
        }
        if (serverPid != 0 && ProcessHandle.of(serverPid).isEmpty()) {
            throw new IllegalArgumentException("--server-pid " + serverPid + ": no such process on this machine");
        }
        if (stepHook != null && stepHook.isBlank()) {
            throw new IllegalArgumentException("--step-hook needs a command");
        }
        if (databaseProcess != null && DatabaseCpu.cpuSeconds(databaseProcess) < 0) {
            throw new IllegalArgumentException("--database-process " + databaseProcess
                    + ": no process of that name on this machine");
        }
    }

    /** A server started in this JVM with an embedded database. */
    public static TargetOptions inProcess() {
        return new TargetOptions(null, null, null, false, null, null, null, null, null, null, null, 0, null, null);
    }
}
