package dev.foyer.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's latencies by the second its arrivals were due: whether its slow joins came together
 * (a stall of the server, the machine or the bench, at some moment) or spread over the whole
 * step (a rate the two sides do not carry). Arrival {@code i} at {@code perSecond} was due in
 * second {@code i / perSecond} from the step's start ({@link Pacer}).
 */
final class Timeline {
    private final double perSecond;
    private final int[] arrivals;
    private final Latencies[] seconds;

    Timeline(int arrivalCount, double perSecond) {
        this.perSecond = perSecond;
        int count = arrivalCount == 0 ? 0 : secondOf(arrivalCount - 1) + 1;
        this.arrivals = new int[count];
        this.seconds = new Latencies[count];
        for (int s = 0; s < count; s++) {
            seconds[s] = new Latencies(2);
        }
        for (int i = 0; i < arrivalCount; i++) {
            arrivals[secondOf(i)]++;
        }
    }

    private int secondOf(int arrival) {
        return (int) (arrival / perSecond);
    }

    /** Arrival {@code arrival} joined {@code nanos} after it was due; callable from any thread. */
    void record(int arrival, long nanos) {
        seconds[secondOf(arrival)].recordNanos(nanos);
    }

    /**
     * One row per second: {@code second} (from 0), {@code arrivals} due in it, {@code joined} of
     * those, and their {@code p50}, {@code p99} and {@code max} in milliseconds (to two significant
     * digits; zeros when none joined).
     */
    List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>(seconds.length);
        for (int s = 0; s < seconds.length; s++) {
            Map<String, Object> latency = seconds[s].summaryMs();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("second", s);
            row.put("arrivals", arrivals[s]);
            row.put("joined", seconds[s].count());
            row.put("p50", latency.get("p50"));
            row.put("p99", latency.get("p99"));
            row.put("max", latency.get("max"));
            rows.add(row);
        }
        return rows;
    }
}
