package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void hotSpotsOwnThreadsAreToldApartByName() {
        assertThat(ThreadCpu.Kind.of("C2 CompilerThre")).isEqualTo(ThreadCpu.Kind.COMPILER);
        assertThat(ThreadCpu.Kind.of("C1 CompilerThre")).isEqualTo(ThreadCpu.Kind.COMPILER);
        assertThat(ThreadCpu.Kind.of("GC Thread#1")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.Kind.of("G1 Refine#0")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.Kind.of("G1 Conc#0")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.Kind.of("VM Thread")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.Kind.of("Shenandoah GC T")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.Kind.of("Shenandoah Cont")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.Kind.of("ZWorker#0")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.Kind.of("ZDriver")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.Kind.of("RuntimeWorker#1")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.Kind.of("Zoe's thread")).isEqualTo(ThreadCpu.Kind.OTHER);
        assertThat(ThreadCpu.Kind.of("JettyServerThre")).isEqualTo(ThreadCpu.Kind.OTHER);
        assertThat(ThreadCpu.Kind.of("foyer-meeting-1")).isEqualTo(ThreadCpu.Kind.OTHER);
        assertThat(ThreadCpu.Kind.of("VM Periodic Tas")).isEqualTo(ThreadCpu.Kind.OTHER);
    }

    @Test
    void aBusyApplicationThreadCountsAsOtherNotAsCompilerOrGc() throws Exception {
        long pid = ProcessHandle.current().pid();
        ThreadCpu before = ThreadCpu.of(pid);
        double processBefore = ProcessStats.of(pid).cpuSeconds();
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread spinner = spinner("spinner", 300, spun, done);
        try {
            assertThat(spun.await(30, TimeUnit.SECONDS)).isTrue();
            ThreadCpu after = ThreadCpu.of(pid);
            double process = ProcessStats.of(pid).cpuSeconds() - processBefore;

            double other = after.secondsSince(before, ThreadCpu.Kind.OTHER);
            double compiler = after.secondsSince(before, ThreadCpu.Kind.COMPILER);
            double gc = after.secondsSince(before, ThreadCpu.Kind.GC);
            assertThat(other).isGreaterThanOrEqualTo(0.25);
            assertThat(compiler).isGreaterThanOrEqualTo(0);
            assertThat(gc).isGreaterThanOrEqualTo(0);
            // Ticks are read per thread and for the process a moment apart: allow a few.
            assertThat(other + compiler + gc).isLessThanOrEqualTo(process + 0.05);
        } finally {
            done.countDown();
            spinner.join();
        }
    }

    @Test
    void threadsAreGroupedByTheirNameWithoutItsNumber() {
        assertThat(ThreadCpu.group("foyer-meeting-2")).isEqualTo("foyer-meeting");
        assertThat(ThreadCpu.group("ZWorker#0")).isEqualTo("ZWorker");
        assertThat(ThreadCpu.group("GC Thread#12")).isEqualTo("GC Thread");
        assertThat(ThreadCpu.group("bench-lean-1-2")).isEqualTo("bench-lean");
        assertThat(ThreadCpu.group("JettyServerThre")).isEqualTo("JettyServerThre");
        assertThat(ThreadCpu.group("foyer-history")).isEqualTo("foyer-history");
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
    }

    @Test
    void aBusyGroupOfThreadsComesFirstWithItsCpu() throws Exception {
        long pid = ProcessHandle.current().pid();
        ThreadCpu before = ThreadCpu.of(pid);
        CountDownLatch spun = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        Thread[] spinners = {spinner("spinner-0", 200, spun, done), spinner("spinner-1", 200, spun, done)};
        try {
            assertThat(spun.await(30, TimeUnit.SECONDS)).isTrue();
            Map<String, Double> groups = ThreadCpu.of(pid).secondsByGroupSince(before);
            assertThat(groups).containsKey("spinner").doesNotContainKeys("spinner-0", "spinner-1");
            assertThat(groups.get("spinner")).as("both spinners' CPU").isGreaterThanOrEqualTo(0.38);
            assertThat(List.copyOf(groups.values())).as("busiest first").isSortedAccordingTo(Comparator.reverseOrder());
        } finally {
            done.countDown();
            for (Thread t : spinners) {
                t.join();
            }
        }
        assertThat(ThreadCpu.UNKNOWN.secondsByGroupSince(before)).isEmpty();
    }

    @Test
    void noProcessIsUnknown() {
        assertThat(ThreadCpu.of(-1).known()).isFalse();
        assertThat(ThreadCpu.of(Long.MAX_VALUE).known()).isFalse();
        ThreadCpu self = ThreadCpu.of(ProcessHandle.current().pid());
        assertThat(self.secondsSince(ThreadCpu.UNKNOWN, ThreadCpu.Kind.OTHER)).isEqualTo(-1);
        assertThat(ThreadCpu.UNKNOWN.secondsSince(self, ThreadCpu.Kind.OTHER)).isEqualTo(-1);
    }

    /**
     * A started thread named {@code name} that uses {@code cpuMillis} of its own CPU, however busy
     * the machine is, counts {@code spun} down, and stays alive until {@code done} (a thread that
     * ends takes its CPU with it).
     */
    private static Thread spinner(String name, long cpuMillis, CountDownLatch spun, CountDownLatch done) {
        Thread t = new Thread(() -> {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long x = 0;
            while (mx.getCurrentThreadCpuTime() < TimeUnit.MILLISECONDS.toNanos(cpuMillis)) {
                x += System.nanoTime() % 7;
            }
            spun.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (x == 42) {
                System.out.println(x);
            }
        }, name);
        t.start();
        return t;
    }
}
