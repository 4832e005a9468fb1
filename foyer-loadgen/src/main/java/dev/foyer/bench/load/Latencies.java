package dev.foyer.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;

/** Latencies recorded from any thread, in microseconds with three significant digits, read as milliseconds. */
final class Latencies {
    private final ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.min(Math.max(0, nanos / 1_000), histogram.getHighestTrackableValue()));
    }

    long count() {
        return histogram.getTotalCount();
    }

    double percentileMs(double percentile) {
        return count() == 0 ? 0 : round(histogram.getValueAtPercentile(percentile) / 1_000.0);
    }

    /** {@code {p50, p95, p99, max}} in milliseconds (zeros when nothing was recorded). */
    Map<String, Object> summaryMs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", percentileMs(50));
        m.put("p95", percentileMs(95));
        m.put("p99", percentileMs(99));
        m.put("max", count() == 0 ? 0.0 : round(histogram.getMaxValue() / 1_000.0));
        return m;
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
