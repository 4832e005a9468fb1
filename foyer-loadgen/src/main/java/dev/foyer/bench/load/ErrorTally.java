package dev.foyer.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Why operations failed, counted by reason: a run's "errors 2" says what went wrong. Keeps at
 * most {@link #MAX_REASONS} distinct reasons; later ones are counted as {@link #OTHER}.
 * Thread-safe.
 */
final class ErrorTally {
    static final int MAX_REASONS = 10;
    static final String OTHER = "(other reasons)";
    private static final int MAX_REASON_CHARS = 200;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(Throwable failure) {
        count(reason(failure));
    }

    void count(String reason) {
        String key = counts.containsKey(reason) || counts.size() < MAX_REASONS ? reason : OTHER;
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Reason → count, most frequent first. */
    Map<String, Long> byReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> out.put(e.getKey(), e.getValue().sum()));
        return out;
    }

    /** The innermost useful message: the cause of the wrappers futures add, with its type. */
    static String reason(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String text = t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "…";
    }
}
