package dev.foyer.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A reading of a JVM's threads' CPU seconds from {@code /proc/<pid>/task/*}/stat, to split what
 * the process spent between two readings by what its threads do: the JIT compilers, the garbage
 * collector (G1's, Shenandoah's or ZGC's threads, with the VM thread, which runs pauses), and the rest, the application. A short
 * run of a freshly started JVM spends a good part of its CPU compiling, and a different part from
 * run to run: reported apart, that share stops hiding what a join costs. Empty where {@code /proc}
 * is not available.
 */
final class ThreadCpu {
    static final ThreadCpu UNKNOWN = new ThreadCpu(null);

    /** What kind of work a thread of this name does, as HotSpot names its own threads. */
    enum Kind {
        COMPILER, GC, OTHER;

        static Kind of(String threadName) {
            if (threadName.contains("CompilerThre")) {
                return COMPILER; // "C1 CompilerThre", "C2 CompilerThre" (Linux keeps 15 characters)
            }
            if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")
                    || threadName.startsWith("Shenandoah") || isZgc(threadName)) {
                return GC;
            }
            return OTHER;
        }

        /** ZGC's threads: "ZWorker#0", "ZDriver", "ZDirector", "ZStat", "ZUnmapper", "RuntimeWorker#0"... */
        private static boolean isZgc(String threadName) {
            return threadName.length() > 1 && threadName.charAt(0) == 'Z' && Character.isUpperCase(threadName.charAt(1))
                    || threadName.startsWith("RuntimeWorker");
        }
    }

    private record Task(String group, Kind kind, double seconds) {}

    /**
     * The group of a thread by its name: the name without its trailing numbers ({@code
     * "foyer-meeting-2"}, {@code "ZWorker#0"}, {@code "bench-lean-1-2"} and {@code
     * "JettyServerThre"}, as Linux keeps 15 characters, give {@code "foyer-meeting"}, {@code
     * "ZWorker"}, {@code "bench-lean"} and {@code "JettyServerThre"}).
     */
    static String group(String threadName) {
        return threadName.replaceFirst("([-#]?\\d+)+$", "");
    }

    /** By thread id; null when unknown. */
    private final Map<Long, Task> threads;

    private ThreadCpu(Map<Long, Task> threads) {
        this.threads = threads;
    }

    static ThreadCpu of(long pid) {
        if (pid <= 0) {
            return UNKNOWN;
        }
        Map<Long, Task> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended while being listed
                }
                String name = ProcessStats.name(stat);
                threads.put(Long.parseLong(task.getFileName().toString()),
                        new Task(group(name), Kind.of(name), ProcessStats.cpuSeconds(stat)));
            }
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
        return new ThreadCpu(threads);
    }

    boolean known() {
        return threads != null;
    }

    /**
     * CPU seconds that threads of {@code kind} used since {@code earlier}, counting the threads
     * alive now (those started since count from zero); -1 if either reading is unknown. A thread
     * that ended in between takes its CPU with it: the process total still has it.
     */
    double secondsSince(ThreadCpu earlier, Kind kind) {
        if (!known() || !earlier.known()) {
            return -1;
        }
        return sumsSince(earlier, Task::kind).getOrDefault(kind, 0.0);
    }

    /**
     * CPU seconds each {@link #group} of threads used since {@code earlier}, the busiest first,
     * counted as {@link #secondsSince} counts; empty if either reading is unknown.
     */
    Map<String, Double> secondsByGroupSince(ThreadCpu earlier) {
        if (!known() || !earlier.known()) {
            return Map.of();
        }
        Map<String, Double> busiestFirst = new LinkedHashMap<>();
        sumsSince(earlier, Task::group).entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> busiestFirst.put(e.getKey(), e.getValue()));
        return busiestFirst;
    }

    /** The CPU seconds of the threads alive now since {@code earlier}, summed by {@code key}. */
    private <K> Map<K, Double> sumsSince(ThreadCpu earlier, Function<Task, K> key) {
        Map<K, Double> sums = new HashMap<>();
        for (Map.Entry<Long, Task> e : threads.entrySet()) {
            Task before = earlier.threads.get(e.getKey());
            sums.merge(key.apply(e.getValue()), e.getValue().seconds() - (before == null ? 0 : before.seconds()),
                    Double::sum);
        }
        return sums;
    }
}
