package dev.foyer.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a {@link Workload} against a server and returns its result: {@code workload},
 * {@code parameters}, {@code server} (mode, URL, JVM flags, versions), {@code errors}, the
 * workload's figures, the load generator's own CPU use, the machine's load average, core count and
 * speed ({@link MachineSpeed}), and {@code totalSeconds}. Render it with {@link #json} or {@link #table}.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bench() {}

    public static Map<String, Object> run(Workload workload, TargetOptions target, Progress progress)
            throws InterruptedException {
        quietLeakDetection();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("workload", workload.name());
        result.put("parameters", workload.parameters());
        result.put("startedAt", Instant.now().toString());
        result.put("machine", machine());
        long start = System.nanoTime();
        double cpuBefore = ServerProbe.selfCpuSeconds();
        try (Target t = Target.open(target)) {
            result.put("server", t.description());
            if (target.stepHook() != null) {
                // A profiler it attaches slows the steps it watches: readers of the figures should know.
                result.put("stepHook", target.stepHook());
            }
            result.put("errors", 0L);
            workload.run(t, progress, result);
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = ServerProbe.selfCpuSeconds() - cpuBefore;
            Map<String, Object> self = new LinkedHashMap<>();
            self.put("cpuSeconds", Workload.round(cpu, 1));
            self.put("averageCores", Workload.round(cpu / wall, 2));
            self.put("includesServer", t.inProcess());
            self.put("leanTransport", LeanGuests.transport());
            // Local addresses the lean guests connect from (to a loopback server: several, each with its own ports).
            self.put("leanSourceAddresses", LeanGuests.sourceAddresses(URI.create(t.url()).getHost()));
            self.put("residentOnHugePages", HugePages.residentShare(ProcessHandle.current().pid()));
            result.put("loadGenerator", self);
            // Once the workload has grown the heap: the share of the server's memory on huge pages.
            Map<String, Object> server = new LinkedHashMap<>(t.description());
            server.put("residentOnHugePages", HugePages.residentShare(t.probe().pid()));
            result.put("server", server);
            result.put("loadAverageAtEnd", loadAverage());
            result.put("totalSeconds", Workload.round(wall, 1));
        }
        return result;
    }

    /**
     * Netty's leak detector records a stack trace for one buffer in 128 it hands out: a few per
     * cent of the lean guests' CPU in a storm, for a tool no one debugs while it measures.
     * {@code -Dio.netty.leakDetection.level=...} keeps it; the tests run with it on.
     */
    private static void quietLeakDetection() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    public static String json(Map<String, Object> result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The result as aligned text: nested values flattened to dotted keys, each list of steps as a table. */
    public static String table(Map<String, Object> result) {
        return Table.render(result);
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("loadAverage", loadAverage());
        // Before the workload, while the machine is as quiet as it will be.
        m.put("deflateMs", MachineSpeed.deflateMillis());
        m.put("deflateMeans", "ms to deflate a fixed 2 MiB of JSON-like text on one core (zlib, level 6, best of "
                + MachineSpeed.RUNS + "): this machine's speed today; lower is faster");
        m.put("loopbackRoundTripUs", MachineSpeed.loopbackMicros());
        m.put("loopbackMeans", "microseconds for one byte each way over a loopback TCP connection on one thread (best of "
                + MachineSpeed.RUNS + " runs of " + MachineSpeed.ROUND_TRIPS + "): what this machine's system calls cost"
                + " today, which deflateMs does not see; lower is faster");
        m.put("hiccups", MachineSpeed.hiccups());
        m.put("hiccupsMean", "wake-ups of a thread sleeping 1 ms at a time over " + MachineSpeed.HICCUP_MILLIS
                + " ms that came over 10 ms late, and the latest: stalls of the machine (its host), which every"
                + " join's latency meets; a quiet machine has none");
        m.put("transparentHugePages", HugePages.settings());
        m.put("transparentHugePagesMean", "the kernel's huge page settings: enabled for anonymous memory (G1's heap,"
                + " with -XX:+UseTransparentHugePages at madvise), shmemEnabled for shared memory (ZGC's heap on JDK 17,"
                + " at advise); server.residentOnHugePages and loadGenerator.residentOnHugePages: the share of each"
                + " process's resident memory on huge pages at the end (-1: unknown)");
        return m;
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}; empty elsewhere. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
