package dev.foyer.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether memory sits on huge pages: the machine's transparent huge page settings, and how much of
 * a process's resident memory the kernel maps in 2 MiB pages. On a virtual machine whose page
 * tables are costly to keep, a server's heap on 4 KiB pages stalled the whole machine for 10–150
 * ms a few times a second, and join latency's tail was those stalls (docs/performance.md, "The
 * twenty-fourth session").
 */
final class HugePages {
    private static final Path SETTINGS = Path.of("/sys/kernel/mm/transparent_hugepage");
    private static final Pattern CHOSEN = Pattern.compile("\\[([^\\]]+)\\]");

    private HugePages() {}

    /**
     * {@code enabled} (anonymous memory: G1's heap) and {@code shmemEnabled} (shared memory: ZGC's
     * heap on JDK 17), each the kernel's current choice, or {@code "unknown"} where it cannot be read.
     */
    static Map<String, Object> settings() {
        return settings(SETTINGS);
    }

    static Map<String, Object> settings(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", chosen(dir.resolve("enabled")));
        m.put("shmemEnabled", chosen(dir.resolve("shmem_enabled")));
        return m;
    }

    /** The bracketed choice of a sysfs setting such as {@code always [madvise] never}. */
    static String chosen(Path setting) {
        try {
            Matcher m = CHOSEN.matcher(Files.readString(setting));
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * The share of process {@code pid}'s resident memory mapped in huge pages, 0 to 1, from
     * {@code /proc/<pid>/smaps_rollup}; -1 where it cannot be read. A ratio, because ZGC on JDK 17
     * maps its heap three times and both figures count each mapping.
     */
    static double residentShare(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            return residentShare(Files.readString(Path.of("/proc", Long.toString(pid), "smaps_rollup")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static double residentShare(String smapsRollup) {
        List<String> lines = smapsRollup.lines().toList();
        long rss = ProcessStats.kib(lines, "Rss:");
        if (rss <= 0) {
            return -1;
        }
        long huge = 0;
        for (String key : new String[] {"AnonHugePages:", "ShmemPmdMapped:", "FilePmdMapped:"}) {
            huge += Math.max(0, ProcessStats.kib(lines, key));
        }
        return Workload.round((double) huge / rss, 3);
    }
}
