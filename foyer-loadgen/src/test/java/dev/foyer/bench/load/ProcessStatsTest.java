package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessStatsTest {
    @Test
    void readsThisProcess() {
        ProcessStats self = ProcessStats.of(ProcessHandle.current().pid());
        assertThat(self.cpuSeconds()).isPositive();
        assertThat(self.rssBytes()).isPositive();
        assertThat(self.pssBytes()).isPositive().isLessThanOrEqualTo(self.rssBytes());
        assertThat(self.threads()).isPositive();
        assertThat(self.fds()).isPositive();
    }

    @Test
    void anUnknownProcessReadsAsUnknown() {
        ProcessStats none = ProcessStats.of(Long.MAX_VALUE);
        assertThat(none.cpuSeconds()).isEqualTo(-1);
        assertThat(none.rssBytes()).isEqualTo(-1);
        assertThat(none.pssBytes()).isEqualTo(-1);
    }

    /** Why idle reports PSS: ZGC maps its heap three times, and RSS counts every mapping. */
    @Test
    void aZgcHeapCountsOnceInPssAndThriceInRss(@TempDir Path dir) throws Exception {
        Path sleeper = Files.writeString(dir.resolve("Sleep.java"),
                "class Sleep { public static void main(String[] a) throws Exception { Thread.sleep(120_000); } }");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:+UseZGC", "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                sleeper.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long heap = 256L << 20;
            ProcessStats s = ProcessStats.of(p.pid());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (s.rssBytes() < 3 * heap && System.nanoTime() < deadline) { // touched before main runs
                Thread.sleep(100);
                s = ProcessStats.of(p.pid());
            }
            assertThat(s.rssBytes()).isGreaterThanOrEqualTo(3 * heap);
            assertThat(s.pssBytes()).isGreaterThanOrEqualTo(heap).isLessThan(2 * heap);
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
