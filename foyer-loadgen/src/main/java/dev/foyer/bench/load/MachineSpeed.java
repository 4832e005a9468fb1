package dev.foyer.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * How fast this machine's cores are while the bench runs, so that figures from different days can
 * be told apart from Foyer's own changes: the same shared machine has run the same storm at
 * 0.65 ms of server CPU per join one day and at 2.2 ms the next (docs/performance.md). The
 * yardstick is zlib's deflate (native code, so the JVM's flags and warm-up do not move it) of a
 * fixed 2 MiB of JSON-like text, on one thread, best of {@value #RUNS} runs.
 *
 * <p>Deflating makes no system call, and a join is mostly system calls (each side's reads, writes,
 * connects and epoll updates): on a virtual machine whose kernel entries cost more one day, a storm
 * took a third more CPU per join while {@link #deflateMillis} read as fast as ever
 * (docs/performance.md, "The twenty-third session"). {@link #loopbackMicros} reads that cost.
 */
final class MachineSpeed {
    static final int BYTES = 2 << 20;
    static final int RUNS = 3;
    private static final String[] WORDS = {"{\"type\":", "\"participant.joined\"", ",\"seq\":", "\"displayName\":",
        "\"Guest ", "\"lobby\"", "},", "\"text\":\"", "hello", "advisor", "meeting", "0", "1", "2", "7", "42",
        "true", "false", "null", " "};

    private MachineSpeed() {}

    /** Milliseconds to deflate {@link #sample()} at level 6: lower is faster. */
    static double deflateMillis() {
        byte[] input = sample();
        byte[] out = new byte[64 * 1024];
        Deflater deflater = new Deflater(6);
        try {
            long best = Long.MAX_VALUE;
            for (int r = 0; r < RUNS; r++) {
                deflater.reset();
                deflater.setInput(input);
                deflater.finish();
                long t0 = System.nanoTime();
                while (!deflater.finished()) {
                    deflater.deflate(out);
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            return Workload.round(best / 1e6, 1);
        } finally {
            deflater.end();
        }
    }

    /** Round trips of one byte each way in a run of {@link #loopbackMicros}. */
    static final int ROUND_TRIPS = 5_000;

    /**
     * Microseconds for one byte sent each way over a loopback TCP connection, on one thread with
     * blocking sockets: four system calls and the kernel's TCP path twice, no thread waking
     * another. Best of {@value #RUNS} runs of {@value #ROUND_TRIPS}; lower is faster; -1 when no
     * loopback connection can be made.
     */
    static double loopbackMicros() {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel a = SocketChannel.open(server.getLocalAddress());
                SocketChannel b = server.accept()) {
            a.setOption(StandardSocketOptions.TCP_NODELAY, true);
            b.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ByteBuffer one = ByteBuffer.allocateDirect(1);
            long best = Long.MAX_VALUE;
            for (int r = 0; r < RUNS; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    pass(a, b, one);
                    pass(b, a, one);
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            return Workload.round(best / 1e3 / ROUND_TRIPS, 2);
        } catch (IOException e) {
            return -1;
        }
    }

    /** One byte written on {@code from} and read on {@code to}, which waits for it. */
    private static void pass(SocketChannel from, SocketChannel to, ByteBuffer one) throws IOException {
        one.clear().put((byte) 1).flip();
        while (one.hasRemaining()) {
            from.write(one);
        }
        one.clear();
        while (one.position() == 0) {
            if (to.read(one) < 0) {
                throw new EOFException("the loopback connection closed");
            }
        }
    }

    /** How long {@link #hiccups} sleeps in steps of a millisecond. */
    static final int HICCUP_MILLIS = 1_000;
    /** A wake-up this much later than asked counts as a hiccup. */
    static final double HICCUP_THRESHOLD_MS = 10;

    /**
     * How late a thread that sleeps a millisecond at a time wakes up, over {@value #HICCUP_MILLIS}
     * ms (as jHiccup reads a JVM's): {@code over10ms}, how many wake-ups came more than {@value
     * #HICCUP_THRESHOLD_MS} ms late, and {@code maxMs}, the latest. A quiet machine wakes its
     * threads within a few milliseconds; a virtual machine whose host stalls it does not, and every
     * join's several wake-ups then meet those stalls: on this project's test machine
     * (docs/performance.md, "The twenty-third session") an idle JVM holding 12 GiB of heap made
     * every thread on the machine wake 10–150 ms late twice a second, and join latency's p99
     * followed.
     */
    static Map<String, Object> hiccups() {
        return hiccups(HICCUP_MILLIS, () -> Thread.sleep(1));
    }

    /** A millisecond's sleep, as {@link #hiccups} takes it. */
    interface Sleep {
        void oneMillisecond() throws InterruptedException;
    }

    /** {@link #hiccups()} over {@code millis} ms of {@code sleep}s (tests give a sleep that oversleeps). */
    static Map<String, Object> hiccups(long millis, Sleep sleep) {
        int over = 0;
        long worst = 0;
        long end = System.nanoTime() + millis * 1_000_000L;
        try {
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                sleep.oneMillisecond();
                long late = System.nanoTime() - t0 - 1_000_000;
                worst = Math.max(worst, late);
                if (late > HICCUP_THRESHOLD_MS * 1e6) {
                    over++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("over10ms", over);
        m.put("maxMs", Workload.round(worst / 1e6, 1));
        return m;
    }

    /** {@link #BYTES} of words picked by a fixed linear congruential sequence: the same every run. */
    static byte[] sample() {
        StringBuilder text = new StringBuilder(BYTES + 32);
        long x = 42;
        while (text.length() < BYTES) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            text.append(WORDS[(int) ((x >>> 33) % WORDS.length)]);
        }
        text.setLength(BYTES);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
