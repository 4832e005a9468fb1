package dev.foyer.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures the server under test: heap (from its {@code /metrics}, or this JVM's when the server
 * runs in-process), and CPU, RSS, threads and file descriptors from {@code /proc/<pid>} when the
 * process is on this machine. A forced GC before reading the heap gives "heap after GC".
 */
final class ServerProbe {
    private final String metricsUrl;
    /** The server's process id; -1 when not known (an external server without --server-pid). */
    private final long pid;
    private final boolean inProcess;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerProbe(String baseUrl, long pid, boolean inProcess) {
        this.metricsUrl = baseUrl + "/metrics";
        this.pid = pid;
        this.inProcess = inProcess;
    }

    /** The server's process id; -1 when not known. */
    long pid() {
        return pid;
    }

    /** One reading of the server: heap used (after a GC when {@code gc}), CPU seconds, RSS, PSS, threads, fds. */
    Sample sample(boolean gc) {
        if (gc) {
            gc();
        }
        long heap = inProcess ? ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() : metricsHeap();
        ProcessStats p = pid > 0 ? ProcessStats.of(pid) : new ProcessStats(-1, -1, -1, -1, -1);
        return new Sample(System.nanoTime(), heap, p.cpuSeconds(), p.rssBytes(), p.pssBytes(), p.threads(), p.fds());
    }

    /** The server's CPU split by kind of thread; unknown without its process id. */
    ThreadCpu threadCpu() {
        return ThreadCpu.of(pid);
    }

    /**
     * This process's own CPU seconds (the load generator; the server too when in-process); -1
     * without {@code /proc}. Its stat line only: memory, threads and descriptors are not wanted.
     */
    static double selfCpuSeconds() {
        try {
            return ProcessStats.cpuSeconds(Files.readString(Path.of("/proc", Long.toString(ProcessHandle.current().pid()),
                    "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void gc() {
        if (inProcess) {
            System.gc();
            System.gc();
            return;
        }
        if (pid <= 0) {
            return; // an external server: its heap is read as it is
        }
        try {
            Jcmd.run(pid, "GC.run", 30);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd GC.run on the server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sum of {@code jvm_memory_used_bytes{area="heap"}} on the server's Prometheus page; -1 if unreadable. */
    private long metricsHeap() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return -1;
            }
            double sum = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A reading; -1 where the value is unknown. */
    record Sample(long atNanos, long heapBytes, double cpuSeconds, long rssBytes, long pssBytes, long threads,
            long fds) {
        /** The server's CPU use between {@code earlier} and this reading, in cores (1.0 = one core busy); -1 if unknown. */
        double coresSince(Sample earlier) {
            if (cpuSeconds < 0 || earlier.cpuSeconds < 0) {
                return -1;
            }
            double wall = (atNanos - earlier.atNanos) / 1e9;
            return wall <= 0 ? 0 : Math.round((cpuSeconds - earlier.cpuSeconds) / wall * 100) / 100.0;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("heapBytes", heapBytes);
            m.put("rssBytes", rssBytes);
            m.put("pssBytes", pssBytes);
            m.put("threads", threads);
            m.put("fds", fds);
            return m;
        }
    }
}
