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

/**
 * {@code participants} guests join meetings of {@code meetingSize} at {@code rate} joins per
 * second and stay idle; the server's heap after GC, RSS and PSS are read before and after, and the
 * difference divided by the number of participants. Meaningful with a spawned server: in-process,
 * the figures include the load generator.
 */
public final class Idle extends Workload {
    private static final int JOINS_IN_FLIGHT = 256;
    public record Params(int participants, int meetingSize, double rate, int settleSeconds) {
        public Params {
            if (participants < 1 || meetingSize < 1 || rate <= 0 || settleSeconds < 0) {
                throw new IllegalArgumentException("participants, meetingSize, rate must be positive");
            }
        }
    }

    private final Params p;

    public Idle(Params p) {
        this.p = p;
    }

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("participants", p.participants());
        m.put("meetingSize", p.meetingSize());
        m.put("meetings", meetings());
        m.put("rate", p.rate());
        m.put("settleSeconds", p.settleSeconds());
        m.put("client", "lean: Netty HTTP and WebSocket codecs (same protocol as the SDK; one event loop per core for all sockets)");
        return m;
    }

    private int meetings() {
        return (p.participants() + p.meetingSize() - 1) / p.meetingSize();
    }

    @Override
    void run(Target target, Progress progress, Map<String, Object> result) throws InterruptedException {
        int n = p.participants();
        long errors = 0;
        try (Tickets tickets = new Tickets(target.platform()); LeanGuests lean = new LeanGuests()) {
            AtomicInteger minted = new AtomicInteger();
            progress.show(() -> "minting tokens " + minted.get() + "/" + n);
            List<Meeting> meetings = tickets.meetings(meetings(), "idle");
            List<Tickets.Ticket> ready = tickets.mint(meetings, p.meetingSize(), minted::set).subList(0, n);
            progress.show(() -> "measuring the server before joins");
            ServerProbe.Sample before = target.probe().sample(true);

            List<CompletableFuture<LeanGuests.Guest>> joins = new ArrayList<>(n);
            AtomicInteger in = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            progress.show(() -> "joined " + in.get() + "/" + n + " errors " + failed.get());
            // Arrivals at the rate, but never more than JOINS_IN_FLIGHT unanswered: past the server's
            // capacity the joins queue here, and the join rate shows the capacity.
            Semaphore inFlight = new Semaphore(JOINS_IN_FLIGHT);
            long start = Pacer.run(n, p.rate(), (i, due) -> {
                inFlight.acquire();
                joins.add(lean.join(ready.get(i)).whenComplete((g, e) -> {
                    inFlight.release();
                    if (e == null) {
                        in.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }));
            });
            long last = start;
            List<LeanGuests.Guest> guests = new ArrayList<>(n);
            String firstError = null;
            for (CompletableFuture<LeanGuests.Guest> j : joins) {
                try {
                    guests.add(j.get(120, TimeUnit.SECONDS));
                    last = System.nanoTime();
                } catch (ExecutionException | TimeoutException e) {
                    errors++;
                    firstError = firstError != null ? firstError : String.valueOf(e.getCause() != null ? e.getCause() : e);
                }
            }
            double joinSeconds = (last - start) / 1e9;
            progress.show(() -> "idle: settling, then measuring the server");
            Thread.sleep(p.settleSeconds() * 1000L);
            ServerProbe.Sample after = target.probe().sample(true);
            int joined = guests.size();
            result.put("errors", errors);
            if (firstError != null) {
                result.put("firstError", firstError);
            }
            result.put("joined", joined);
            result.put("joinsPerSecond", round(joinSeconds <= 0 ? 0 : joined / joinSeconds, 1));
            result.put("heapBytesPerParticipant", perParticipant(after.heapBytes(), before.heapBytes(), joined));
            result.put("rssBytesPerParticipant", perParticipant(after.rssBytes(), before.rssBytes(), joined));
            result.put("pssBytesPerParticipant", perParticipant(after.pssBytes(), before.pssBytes(), joined));
            result.put("before", before.toMap());
            result.put("after", after.toMap());
            result.put("heapMeasuredAs", target.inProcess() ? "this JVM's heap after System.gc() (includes the load generator)"
                    : "server heap (jvm_memory_used_bytes, area=heap) after jcmd GC.run");
            progress.show(() -> "leaving");
            List<CompletableFuture<?>> leaves = new ArrayList<>();
            guests.forEach(g -> leaves.add(g.leave()));
            try {
                CompletableFuture.allOf(leaves.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Leaving is not measured.
            }
        }
    }

    private static long perParticipant(long after, long before, int n) {
        return after < 0 || before < 0 || n == 0 ? -1 : (after - before) / n;
    }
}
