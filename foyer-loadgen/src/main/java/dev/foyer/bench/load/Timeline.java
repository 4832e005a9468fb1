package dev.foyer.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A step's latencies by the second its arrivals were due: whether its slow joins came together
 * (a stall of the server, the machine or the bench, at some moment) or spread over the whole
 * step (a rate the two sides do not carry). Arrival {@code i} at {@code perSecond} was due in
 * second {@code i / perSecond} from the step's start ({@link Pacer}). Each arrival's latency is
 * kept (8 bytes each), whatever the step's length.
 */
final class Timeline {
    private static final long NOT_JOINED = -1;
    private final double perSecond;
    private final AtomicLongArray nanos;

    Timeline(int arrivals, double perSecond) {
        this.perSecond = perSecond;
        this.nanos = new AtomicLongArray(arrivals);
        for (int i = 0; i < arrivals; i++) {
            nanos.set(i, NOT_JOINED);
        }
    }

    /** Arrival {@code arrival} joined {@code latencyNanos} after it was due; callable from any thread. */
    void record(int arrival, long latencyNanos) {
        nanos.set(arrival, Math.max(0, latencyNanos));
    }

    /**
     * One row per second: {@code second} (from 0), {@code arrivals} due in it, {@code joined} of
     * those, and their {@code p50}, {@code p99} and {@code max} in milliseconds (nearest rank;
     * zeros when none joined).
     */
    List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        int first = 0;
        for (int second = 0; first < nanos.length(); second++) {
            int end = first;
            while (end < nanos.length() && (int) (end / perSecond) == second) {
                end++;
            }
            rows.add(row(second, first, end));
            first = end;
        }
        return rows;
    }

    private Map<String, Object> row(int second, int from, int to) {
        long[] joined = new long[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            long v = nanos.get(i);
            if (v != NOT_JOINED) {
                joined[n++] = v;
            }
        }
        Arrays.sort(joined, 0, n);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("second", second);
        row.put("arrivals", to - from);
        row.put("joined", n);
        row.put("p50", ms(joined, n, 0.50));
        row.put("p99", ms(joined, n, 0.99));
        row.put("max", n == 0 ? 0.0 : ms(joined[n - 1]));
        return row;
    }

    /** The nearest-rank percentile of the first {@code n} (sorted) values. */
    private static double ms(long[] sorted, int n, double quantile) {
        return n == 0 ? 0.0 : ms(sorted[Math.max(0, (int) Math.ceil(quantile * n) - 1)]);
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
