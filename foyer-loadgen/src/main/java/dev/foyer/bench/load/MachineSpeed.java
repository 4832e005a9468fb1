package dev.foyer.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * How fast this machine's cores are while the bench runs, so that figures from different days can
 * be told apart from Foyer's own changes: the same shared machine has run the same storm at
 * 0.65 ms of server CPU per join one day and at 2.2 ms the next (docs/performance.md). The
 * yardstick is zlib's deflate (native code, so the JVM's flags and warm-up do not move it) of a
 * fixed 2 MiB of JSON-like text, on one thread, best of {@value #RUNS} runs.
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
