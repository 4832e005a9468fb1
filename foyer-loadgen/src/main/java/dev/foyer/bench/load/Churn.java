package dev.foyer.bench.load;

import dev.foyer.platform.Meeting;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady population of {@code population} SDK guests in {@code meetings} meetings, of which
 * {@code rate} per second leave and are replaced by new guests with fresh tokens, for
 * {@code duration}. The server is read (after GC) once the population is in and again at the end,
 * with the same population: heap, threads, file descriptors and live-state rows should not grow.
 */
public final class Churn extends Workload {
    private static final long HISTORY_SETTLE_MILLIS = 2_000;
    public record Params(int seconds, int population, int meetings, double rate, int sampleSeconds) {
        public Params {
            if (seconds < 1 || population < 1 || meetings < 1 || rate <= 0 || sampleSeconds < 1) {
                throw new IllegalArgumentException("seconds, population, meetings, rate, sampleSeconds must be positive");
            }
        }
    }

    private final Params p;

    public Churn(Params p) {
        this.p = p;
    }

    @Override
    public String name() {
        return "churn";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", p.seconds());
        m.put("population", p.population());
        m.put("meetings", p.meetings());
        m.put("rate", p.rate());
        m.put("client", "foyer-sdk FoyerClient (OkHttp), one conversation per guest");
        return m;
    }

    @Override
    void run(Target target, Progress progress, Map<String, Object> result) throws InterruptedException {
        long errors = 0;
        AtomicLong joins = new AtomicLong();
        List<Map<String, Object>> samples = new ArrayList<>();
        try (Tickets tickets = new Tickets(target.platform()); SdkGuests guests = new SdkGuests()) {
            List<Meeting> meetings = tickets.meetings(p.meetings(), "churn");
            ArrayDeque<SdkGuests.Guest> present = new ArrayDeque<>();
            progress.show(() -> "filling " + present.size() + "/" + p.population());
            for (int i = 0; i < p.population(); i++) {
                present.add(guests.join(tickets.mint(meetings.get(i % meetings.size())), null));
            }
            for (SdkGuests.Guest g : present) {
                errors += awaitIn(g);
            }
            Thread.sleep(HISTORY_SETTLE_MILLIS); // participation rows are written off the meeting's writer
            Map<String, Object> start = snapshot(target, 0);
            samples.add(start);
            long begin = System.nanoTime();
            long end = begin + TimeUnit.SECONDS.toNanos(p.seconds());
            long nextSample = begin + TimeUnit.SECONDS.toNanos(p.sampleSeconds());
            long[] errorCount = {errors};
            progress.show(() -> String.format("churn: %d joins, %d errors, %ds left", joins.get(), errorCount[0],
                    Math.max(0, TimeUnit.NANOSECONDS.toSeconds(end - System.nanoTime()))));
            double interval = 1e9 / p.rate();
            long i = 0;
            while (System.nanoTime() < end) {
                long due = begin + (long) (i * interval);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                SdkGuests.Guest leaving = present.poll();
                errors += leaving.inMeeting.isCompletedExceptionally() ? 1 : 0;
                leaving.leave();
                Tickets.Ticket t = tickets.mint(meetings.get((int) (i % meetings.size())));
                SdkGuests.Guest g = guests.join(t, null);
                present.add(g);
                joins.incrementAndGet();
                errors += awaitEnded(leaving) ? 0 : 1;
                i++;
                if (System.nanoTime() >= nextSample) {
                    samples.add(snapshot(target, (System.nanoTime() - begin) / 1_000_000_000L));
                    nextSample += TimeUnit.SECONDS.toNanos(p.sampleSeconds());
                }
                errorCount[0] = errors;
            }
            for (SdkGuests.Guest g : present) {
                errors += awaitIn(g);
            }
            Thread.sleep(HISTORY_SETTLE_MILLIS); // let the history writer record the last leaves
            Map<String, Object> last = snapshot(target, (System.nanoTime() - begin) / 1_000_000_000L);
            samples.add(last);
            result.put("errors", errors);
            result.put("joins", joins.get());
            result.put("start", start);
            result.put("end", last);
            result.put("samples", samples);
            present.forEach(SdkGuests.Guest::leave);
        }
    }

    private static long awaitIn(SdkGuests.Guest g) throws InterruptedException {
        try {
            g.inMeeting.get(60, TimeUnit.SECONDS);
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            return 1;
        }
    }

    private static boolean awaitEnded(SdkGuests.Guest g) throws InterruptedException {
        try {
            g.ended.get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static Map<String, Object> snapshot(Target target, long atSecond) {
        ServerProbe.Sample s = target.probe().sample(true);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("second", atSecond);
        m.putAll(s.toMap());
        m.put("rows", target.liveRows());
        return m;
    }
}
