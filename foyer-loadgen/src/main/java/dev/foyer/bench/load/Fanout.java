package dev.foyer.bench.load;

import dev.foyer.platform.Meeting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code meetings} meetings of {@code participants} guests each (SDK guests, or with {@code lean}
 * the Netty guests of {@link LeanGuests}, which leave the CPU to the server: one machine's
 * 2 cores cannot run 1,000 SDK conversations and the server at full speed); every guest sends chat in
 * turn so that the meetings together carry {@code rate} lines per second, for {@code stepSeconds},
 * then the rate is multiplied by {@code stepFactor}, until p99 end-to-end latency (from a line's
 * due time to a recipient's callback) passes 100 ms or lines are lost. A delivery is one line
 * reaching one participant of its meeting (the sender's own copy, which confirms the commit,
 * included): lines × participants.
 */
public final class Fanout extends Workload {
    static final double P99_LIMIT_MS = 100;
    /** The server allows 5 chat lines per second per connection (bursts of 10); stay under it. */
    static final double MAX_LINES_PER_SENDER = 4.5;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long WARMUP_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int JOINS_IN_FLIGHT = 32;

    public record Params(int participants, int meetings, double rate, double stepFactor, int maxSteps,
            int stepSeconds, int textBytes, double joinRate, boolean lean, int warmupSeconds) {
        public Params {
            if (participants < 2 || meetings < 1 || rate <= 0 || stepFactor <= 1 || maxSteps < 1 || stepSeconds < 1
                    || warmupSeconds < 1) {
                throw new IllegalArgumentException("participants >= 2, meetings, rate, steps, stepSeconds, warmupSeconds"
                        + " positive; stepFactor > 1");
            }
        }
    }

    private final Params p;

    public Fanout(Params p) {
        this.p = p;
    }

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("participants", p.participants());
        m.put("meetings", p.meetings());
        m.put("rate", p.rate());
        m.put("stepFactor", p.stepFactor());
        m.put("maxSteps", p.maxSteps());
        m.put("stepSeconds", p.stepSeconds());
        m.put("textBytes", p.textBytes());
        m.put("warmupSeconds", p.warmupSeconds());
        m.put("client", p.lean() ? "lean: Netty HTTP and WebSocket codecs, one event loop per core for all participants"
                : "foyer-sdk FoyerClient (OkHttp), one conversation per participant");
        return m;
    }

    @Override
    void run(Target target, Progress progress, Map<String, Object> result) throws InterruptedException {
        int n = p.participants() * p.meetings();
        List<Map<String, Object>> steps = new ArrayList<>();
        long errors = 0;
        Map<String, Object> best = null;
        String stopped = "max steps reached";
        Receivers receivers = new Receivers();
        try (Tickets tickets = new Tickets(target.platform()); SdkGuests sdk = new SdkGuests();
                LeanGuests lean = new LeanGuests()) {
            AtomicInteger minted = new AtomicInteger();
            progress.show(() -> "minting tokens " + minted.get() + "/" + n);
            List<Meeting> meetings = tickets.meetings(p.meetings(), "fanout");
            List<Tickets.Ticket> ready = tickets.mint(meetings, p.participants(), minted::set);
            Crowd crowd = p.lean() ? Crowd.lean(lean) : Crowd.sdk(sdk);
            List<Crowd.Member> members = new ArrayList<>();
            AtomicInteger in = new AtomicInteger();
            progress.show(() -> "joining " + in.get() + "/" + n);
            // Setup, not measured: at most JOINS_IN_FLIGHT joins at a time, so a busy machine fills the meetings
            // slowly rather than timing joins out.
            Semaphore inFlight = new Semaphore(JOINS_IN_FLIGHT);
            Pacer.run(n, p.joinRate(), (i, due) -> {
                inFlight.acquire();
                Crowd.Member g = crowd.join(ready.get(i), receivers);
                g.inMeeting().whenComplete((at, e) -> {
                    inFlight.release();
                    in.incrementAndGet();
                });
                members.add(g);
            });
            for (Crowd.Member g : members) {
                try {
                    g.inMeeting().get(120, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("a participant could not join: " + e.getMessage(), e);
                }
            }
            // Not counted; waits longer for its lines so that none spill into step 1.
            Map<String, Object> warmup = step(0, p.rate(), p.warmupSeconds(), WARMUP_DRAIN_NANOS, members,
                    receivers, target, progress);
            progress.note("fanout warm-up: " + warmup.get("deliveries") + " deliveries (not counted)");
            double rate = p.rate();
            for (int s = 1; s <= p.maxSteps(); s++, rate *= p.stepFactor()) {
                if (rate / n > MAX_LINES_PER_SENDER) {
                    stopped = "per-connection chat limit (5 lines/s): add --meetings to go higher";
                    break;
                }
                Map<String, Object> row = step(s, rate, p.stepSeconds(), DRAIN_NANOS, members, receivers, target, progress);
                steps.add(row);
                long stepErrors = (long) row.get("lost") + (long) row.get("failed");
                errors += stepErrors;
                double p99 = (double) ((Map<?, ?>) row.get("latencyMs")).get("p99");
                progress.note(String.format("fanout step %d: %.0f lines/s -> %.0f deliveries/s, p99 %.1f ms, lost %d",
                        s, rate, (double) row.get("deliveriesPerSecond"), p99, (long) row.get("lost")));
                if (stepErrors > 0 || p99 > P99_LIMIT_MS) {
                    stopped = stepErrors > 0 ? "lines lost or refused" : "p99 over " + (int) P99_LIMIT_MS + " ms";
                    break;
                }
                best = row;
            }
            members.forEach(Crowd.Member::leave);
            try {
                CompletableFuture.allOf(members.stream().map(Crowd.Member::gone).toArray(CompletableFuture[]::new))
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Leaving is not measured.
            }
        }
        result.put("errors", errors);
        result.put("maxDeliveriesPerSecond", best == null ? 0.0 : best.get("deliveriesPerSecond"));
        result.put("latencyMs", best == null ? null : best.get("latencyMs"));
        result.put("atLinesPerSecond", best == null ? null : best.get("rate"));
        result.put("sustainedMeans", "p99 <= " + (int) P99_LIMIT_MS + " ms, nothing lost or refused");
        result.put("stoppedBecause", stopped);
        result.put("steps", steps);
    }

    private Map<String, Object> step(int s, double rate, int seconds, long drainNanos, List<Crowd.Member> members,
            Receivers receivers, Target target, Progress progress) throws InterruptedException {
        int n = members.size();
        int lines = (int) Math.round(rate * seconds);
        receivers.begin(s);
        LongAdder sent = new LongAdder();
        progress.show(() -> String.format("step %d: %.0f lines/s sent %d/%d delivered %d", s, rate, sent.sum(), lines,
                receivers.delivered.sum()));
        String padding = "x".repeat(Math.max(0, p.textBytes() - 40));
        target.stepHook().run("start", name(), s, progress);
        ServerProbe.Sample server0 = target.probe().sample(false);
        double self0 = ServerProbe.selfCpuSeconds();
        long start = Pacer.run(lines, rate, (i, due) -> {
            // Members alternate between meetings (tickets are interleaved): each meeting gets its share.
            members.get(i % n).say(s + "|" + due + "|" + padding);
            sent.increment();
        });
        long sendEnd = System.nanoTime();
        long expected = (long) lines * p.participants();
        long drainUntil = System.nanoTime() + drainNanos;
        while (receivers.delivered.sum() + receivers.failed.sum() * p.participants() < expected
                && System.nanoTime() < drainUntil) {
            Thread.sleep(20);
        }
        receivers.end();
        ServerProbe.Sample server1 = target.probe().sample(false);
        double self1 = ServerProbe.selfCpuSeconds();
        target.stepHook().run("end", name(), s, progress);
        long delivered = receivers.delivered.sum();
        long failed = receivers.failed.sum();
        double sendSeconds = (sendEnd - start) / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", s);
        row.put("rate", round(rate, 1));
        row.put("lines", (long) lines);
        row.put("deliveries", delivered);
        row.put("deliveriesPerSecond", round(delivered / Math.max(sendSeconds, seconds), 0));
        row.put("latencyMs", receivers.latencies.summaryMs());
        row.put("lost", Math.max(0, expected - delivered - failed * p.participants()));
        row.put("failed", failed);
        row.put("serverCpuCores", server1.coresSince(server0));
        row.put("serverHeapMb", server1.heapBytes() < 0 ? -1 : server1.heapBytes() >> 20);
        row.put("benchCpuCores", round((self1 - self0) / ((server1.atNanos() - server0.atNanos()) / 1e9), 2));
        return row;
    }

    /** Records each delivery of the current step's lines; lines of an earlier step arriving late are ignored. */
    private static final class Receivers implements Crowd.Listener {
        volatile int step;
        volatile Latencies latencies = new Latencies();
        final LongAdder delivered = new LongAdder();
        final LongAdder failed = new LongAdder();

        void begin(int s) {
            latencies = new Latencies();
            delivered.reset();
            failed.reset();
            step = s;
        }

        /** Stops counting, so that the figures read next agree with each other. */
        void end() {
            step = -1;
        }

        @Override
        public void chat(String text, long nowNanos) {
            if (text == null) {
                return;
            }
            int a = text.indexOf('|');
            int b = text.indexOf('|', a + 1);
            if (a < 0 || b < 0 || Integer.parseInt(text, 0, a, 10) != step) {
                return;
            }
            latencies.recordNanos(nowNanos - Long.parseLong(text, a + 1, b, 10));
            delivered.increment();
        }

        @Override
        public void failed() {
            failed.increment();
        }
    }
}
