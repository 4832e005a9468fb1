package dev.foyer.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What Linux says of a process in {@code /proc/<pid>}: CPU time, resident memory, threads and
 * open file descriptors. Values are -1 where {@code /proc} is not available.
 *
 * @param rssBytes resident set size ({@code VmRSS})
 * @param pssBytes proportional set size ({@code Pss} of {@code smaps_rollup}, Linux 4.14 and
 *     later): memory mapped more than once counts once. ZGC on JDK 17 maps its heap three times,
 *     and the RSS of a server running it counts the heap thrice; its PSS does not.
 */
record ProcessStats(double cpuSeconds, long rssBytes, long pssBytes, long threads, long fds) {
    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    static ProcessStats of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        double cpu = -1;
        long rss = -1;
        long pss = -1;
        long threads = -1;
        long fds = -1;
        try {
            cpu = cpuSeconds(Files.readString(proc.resolve("stat")));
            List<String> status = Files.readAllLines(proc.resolve("status"));
            rss = kib(status, "VmRSS:") * 1024;
            threads = kib(status, "Threads:");
            try (Stream<Path> open = Files.list(proc.resolve("fd"))) {
                fds = open.count();
            }
            long pssKib = kib(Files.readAllLines(proc.resolve("smaps_rollup")), "Pss:");
            pss = pssKib < 0 ? -1 : pssKib * 1024;
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone: report what was read.
        }
        return new ProcessStats(cpu, rss, pss, threads, fds);
    }

    /** User plus system CPU seconds of a {@code stat} line (a process's, or a thread's under {@code task/}). */
    static double cpuSeconds(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS; // utime, stime: fields 14, 15
    }

    /** The command name of a {@code stat} line: a process's, or a thread's under {@code task/}. */
    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** The first number after {@code key} (such as {@code "Pss:"}) in lines of {@code status} or {@code smaps_rollup}; -1 if absent. */
    static long kib(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
