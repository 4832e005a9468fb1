package dev.foyer.bench.load;

import dev.foyer.platform.Meeting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Guests join {@code meetings} meetings of {@code size} each through the full guest path (the
 * back-end mints tokens over the Platform API beforehand; then, timed, the SDK discovers while it
 * opens the WebSocket, and joins, bypassing the lobby) arriving at {@code rate} joins per second.
 * With {@code mintOnArrival}, each guest's token is minted as it arrives instead, and its join's
 * time and CPU include the mint. With {@code filling}, only that many meetings fill at once.
 * Latency runs from a join's due time to its roster. With {@code stepUp} the rate is multiplied by
 * {@code stepFactor} after each step, on fresh meetings, until p99 passes 100 ms or a join fails.
 *
 * <p>Then a few single joins count round trips ({@code roundTrips}): {@code perJoin} and {@code
 * maxPerJoin} in sequence (what a user waits for), {@code exchangesPerJoin} summed over sockets,
 * HTTP requests, WebSocket exchanges and TCP connects per join. Each step's row has the summed
 * {@code exchangesPerJoin}, noise included.
 */
public final class JoinStorm extends Workload {
    static final double P99_LIMIT_MS = 100;
    /** Groups of the server's threads below this many ms per join are left out of a step's row. */
    private static final double LEAST_GROUP_MS_PER_JOIN = 0.005;

    /**
     * @param warmupMeetings meetings of {@code size} joined (at {@code rate}) and left before the
     *     measured steps, so that the JIT has compiled the join path; 0 for none
     * @param filling meetings filling at once: arrivals go round that many until they are full,
     *     then round the next ones ({@link Tickets#fillingOrder}); 0 for all of them
     * @param mintOnArrival each guest's token is minted as it arrives, as a back-end does when its
     *     visitor taps "join", and its latency counts from the arrival; false: all are minted before
     *     the clock starts
     */
    public record Params(int meetings, int size, double rate, boolean stepUp, double stepFactor, int maxSteps,
            int warmupMeetings, Duration joinTimeout, boolean lean, int filling, boolean mintOnArrival) {
        public Params {
            if (meetings < 1 || size < 1 || rate <= 0 || stepFactor <= 1 || maxSteps < 1 || warmupMeetings < 0
                    || filling < 0) {
                throw new IllegalArgumentException("meetings, size, rate, maxSteps must be positive; stepFactor > 1;"
                        + " warmupMeetings and filling not negative");
            }
        }
    }

    private final Params p;

    public JoinStorm(Params p) {
        this.p = p;
    }

    @Override
    public String name() {
        return "join-storm";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("meetings", p.meetings());
        m.put("meetingSize", p.size());
        m.put("clients", p.meetings() * p.size());
        m.put("rate", p.rate());
        m.put("warmupJoins", p.warmupMeetings() * p.size());
        // Meetings filling at once (0: all): guests go round them until they are full, then round the next ones.
        m.put("filling", p.filling());
        // Tokens minted as guests arrive, the mint in each join's time and CPU (false: all minted first).
        m.put("mintOnArrival", p.mintOnArrival());
        m.put("stepUp", p.stepUp());
        if (p.stepUp()) {
            m.put("stepFactor", p.stepFactor());
            m.put("maxSteps", p.maxSteps());
        }
        m.put("client", p.lean() ? "lean: Netty HTTP and WebSocket codecs, one event loop per core for all guests"
                : "foyer-sdk FoyerClient (OkHttp), one conversation per guest");
        return m;
    }

    @Override
    void run(Target target, Progress progress, Map<String, Object> result) throws InterruptedException {
        List<Map<String, Object>> steps = new ArrayList<>();
        long errors = 0;
        ErrorTally reasons = new ErrorTally();
        double maxSustained = 0;
        Map<String, Object> roundTrips = null;
        try (Tickets tickets = new Tickets(target.platform()); SdkGuests guests = new SdkGuests();
                LeanGuests lean = new LeanGuests()) {
            Crowd crowd = p.lean() ? Crowd.lean(lean) : Crowd.sdk(guests);
            if (p.warmupMeetings() > 0) {
                Step warmup = step(0, p.warmupMeetings(), p.rate(), target, tickets, guests, crowd, progress,
                        new ErrorTally());
                progress.note("join-storm warm-up: " + warmup.row.get("clients") + " joins, p99 "
                        + warmup.latencies.percentileMs(99) + " ms (not counted)");
            }
            double rate = p.rate();
            for (int s = 1; s <= (p.stepUp() ? p.maxSteps() : 1); s++, rate *= p.stepFactor()) {
                Step step = step(s, p.meetings(), rate, target, tickets, guests, crowd, progress, reasons);
                steps.add(step.row);
                errors += step.errors;
                boolean ok = step.errors == 0 && step.latencies.percentileMs(99) <= P99_LIMIT_MS;
                if (ok) {
                    maxSustained = Math.max(maxSustained, (double) step.row.get("joinsPerSecond"));
                }
                progress.note(String.format("join-storm step %d: rate %.0f/s -> %.0f joins/s, p99 %.1f ms, errors %d",
                        s, rate, (double) step.row.get("joinsPerSecond"), step.latencies.percentileMs(99), step.errors));
                if (!ok) {
                    break;
                }
            }
            roundTrips = probeRoundTrips(tickets, guests, progress);
        }
        result.put("errors", errors);
        result.put("errorReasons", reasons.byReason());
        Map<String, Object> first = steps.get(0);
        result.put("latencyMs", first.get("latencyMs"));
        if (first.containsKey("phasesMs")) {
            result.put("phasesMs", first.get("phasesMs"));
        }
        result.put("joinsPerSecond", first.get("joinsPerSecond"));
        result.put("maxJoinsPerSecond", maxSustained);
        result.put("sustainedMeans", "p99 <= " + (int) P99_LIMIT_MS + " ms and no errors, over a step"
                + " (steps[].seconds: how long each lasted)");
        result.put("roundTrips", roundTrips);
        result.put("steps", steps);
        result.put("bySecond", first.get("bySecond"));
    }

    private record Step(Map<String, Object> row, Latencies latencies, long errors) {}

    private static final int PROBE_JOINS = 5;
    /** Added to each exchange of a probe join, as a network would; see {@link RoundTrips}. */
    static final long PROBE_RTT_MILLIS = 20;

    /**
     * Round trips of a join, counted exactly: {@value #PROBE_JOINS} guests join one after another
     * into a meeting of their own, each the only traffic on the client's sockets while it joins (in
     * a storm, pongs to the server's pings and pushes to guests already in add noise). {@code
     * perJoin} and {@code maxPerJoin} are round trips in sequence, what a user waits for: the
     * longest chain of exchanges each starting after the previous one ended ({@link RoundTrips});
     * {@code exchangesPerJoin} is their total over sockets, parallel ones included. Each answer is
     * held back {@value #PROBE_RTT_MILLIS} ms as if it crossed a network, so that exchanges the
     * client starts together overlap whatever the scheduler does; {@code joinMs} is how long a
     * probe join took with that round-trip time.
     */
    private static Map<String, Object> probeRoundTrips(Tickets tickets, SdkGuests guests, Progress progress)
            throws InterruptedException {
        progress.show(() -> "counting round trips of single joins");
        Meeting meeting = tickets.meetings(1, "round trips").get(0);
        long inSequence = 0;
        long most = 0;
        long exchanges = 0;
        long http = 0;
        long connects = 0;
        long joinNanos = 0;
        List<SdkGuests.Guest> joined = new ArrayList<>();
        for (int i = 0; i < PROBE_JOINS; i++) {
            Tickets.Ticket t = tickets.mint(meeting);
            long x0 = guests.exchanges();
            long h0 = guests.httpCalls();
            long c0 = guests.tcpConnects();
            guests.startRecording(PROBE_RTT_MILLIS);
            long start = System.nanoTime();
            SdkGuests.Guest g = guests.join(t, null);
            try {
                joinNanos += g.inMeeting.get(60, TimeUnit.SECONDS) - start;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("a probe join failed: " + e.getMessage(), e);
            }
            int chain = guests.stopRecording();
            inSequence += chain;
            most = Math.max(most, chain);
            exchanges += guests.exchanges() - x0;
            http += guests.httpCalls() - h0;
            connects += guests.tcpConnects() - c0;
            joined.add(g);
        }
        joined.forEach(SdkGuests.Guest::leave);
        Map<String, Object> trips = new LinkedHashMap<>();
        trips.put("perJoin", round(inSequence / (double) PROBE_JOINS, 2));
        trips.put("maxPerJoin", most);
        trips.put("exchangesPerJoin", round(exchanges / (double) PROBE_JOINS, 2));
        // OkHttp tells event listeners of plain HTTP calls (discovery), not of WebSocket upgrades.
        trips.put("httpRequestsPerJoin", round(http / (double) PROBE_JOINS, 2));
        trips.put("webSocketRoundTripsPerJoin", round((exchanges - http) / (double) PROBE_JOINS, 2));
        trips.put("tcpConnectsPerJoin", round(connects / (double) PROBE_JOINS, 2));
        trips.put("simulatedRttMs", PROBE_RTT_MILLIS);
        trips.put("joinMs", round(joinNanos / 1e6 / PROBE_JOINS, 1));
        trips.put("counted", "client side, token in hand to roster, " + PROBE_JOINS + " joins one at a time, each"
                + " answer held back " + PROBE_RTT_MILLIS + " ms as if it crossed a network (joinMs: the join's time"
                + " with it). An exchange is a write on a socket and the first read after it; perJoin = round trips in sequence, the longest"
                + " chain of exchanges each starting after the previous one ended (exchanges in parallel count once);"
                + " exchangesPerJoin = all exchanges, summed over sockets; webSocket = the upgrade plus join/joined;"
                + " TCP connects apart");
        return trips;
    }

    /** Groups of threads that used at least {@value #LEAST_GROUP_MS_PER_JOIN} ms per join, busiest first. */
    private static Map<String, Double> byThreadGroup(ThreadCpu before, ThreadCpu after, long joins) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (joins == 0) {
            return m;
        }
        after.secondsByGroupSince(before).forEach((group, seconds) -> {
            double ms = round(seconds * 1000 / joins, 3);
            if (ms >= LEAST_GROUP_MS_PER_JOIN) {
                m.put(group, ms);
            }
        });
        return m;
    }

    private static double msPerJoin(ThreadCpu before, ThreadCpu after, ThreadCpu.Kind kind, long joins) {
        double seconds = after.secondsSince(before, kind);
        return seconds < 0 || joins == 0 ? -1.0 : round(seconds * 1000 / joins, 2);
    }

    /** One step; why its joins failed goes to {@code reasons}. */
    private Step step(int s, int meetingCount, double rate, Target target, Tickets tickets, SdkGuests guests,
            Crowd crowd, Progress progress, ErrorTally reasons) throws InterruptedException {
        int n = meetingCount * p.size();
        AtomicInteger minted = new AtomicInteger();
        progress.show(() -> "step " + s + ": minting tokens " + minted.get() + "/" + n);
        List<Meeting> meetings = tickets.meetings(meetingCount, "join-storm " + s);
        ServerProbe.Sample mint0 = target.probe().sample(false);
        long mintStart = System.nanoTime();
        List<Tickets.Ticket> ready = p.mintOnArrival() ? null
                : tickets.mint(meetings, p.size(), p.filling(), minted::set);
        List<Meeting> arrivals = p.mintOnArrival() ? Tickets.fillingOrder(meetings, p.size(), p.filling()) : null;
        double mintSeconds = (System.nanoTime() - mintStart) / 1e9;
        ServerProbe.Sample mint1 = target.probe().sample(false);

        Latencies latencies = new Latencies();
        Timeline timeline = new Timeline(n, rate);
        JoinPhases.Recorder phases = new JoinPhases.Recorder();
        List<CompletableFuture<Crowd.Member>> joined = new ArrayList<>(n);
        long[] due = new long[n];
        AtomicInteger inMeeting = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        progress.show(() -> String.format("step %d: rate %.0f/s joined %d/%d errors %d", s, rate, inMeeting.get(), n,
                failed.get()));
        target.stepHook().run("start", name(), s, progress);
        long exchanges0 = guests.exchanges();
        long calls0 = guests.httpCalls();
        long connects0 = guests.tcpConnects();
        // Per-thread readings first and last: reading the server's ~300 threads is not a join's work.
        ThreadCpu serverThreads0 = target.probe().threadCpu();
        ThreadCpu selfThreads0 = ThreadCpu.of(ProcessHandle.current().pid());
        ServerProbe.Sample server0 = target.probe().sample(false);
        double database0 = target.databaseCpuSeconds();
        double self0 = ServerProbe.selfCpuSeconds();
        long start = Pacer.run(n, rate, (i, dueNanos) -> {
            due[i] = dueNanos;
            CompletableFuture<Crowd.Member> member = p.mintOnArrival()
                    ? tickets.mintOnArrival(arrivals.get(i)).thenApply(t -> crowd.join(t, null))
                    : CompletableFuture.completedFuture(crowd.join(ready.get(i), null));
            joined.add(member);
            member.thenCompose(Crowd.Member::inMeeting).whenComplete((at, e) -> {
                if (e == null) {
                    latencies.recordNanos(at - dueNanos);
                    timeline.record(i, at - dueNanos);
                    JoinPhases steps = member.join().phases();
                    if (steps != null) {
                        phases.record(steps, dueNanos);
                    }
                    inMeeting.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
        });
        long last = start;
        long errors = 0;
        long deadline = System.nanoTime() + p.joinTimeout().toNanos();
        for (CompletableFuture<Crowd.Member> member : joined) {
            try {
                last = Math.max(last, member.thenCompose(Crowd.Member::inMeeting)
                        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                errors++;
                reasons.count(e);
            } catch (TimeoutException e) {
                errors++;
                reasons.count("no roster within " + p.joinTimeout().toSeconds() + " s");
            }
        }
        ServerProbe.Sample server1 = target.probe().sample(false);
        double database1 = target.databaseCpuSeconds();
        double self1 = ServerProbe.selfCpuSeconds();
        ThreadCpu serverThreads1 = target.probe().threadCpu();
        ThreadCpu selfThreads1 = ThreadCpu.of(ProcessHandle.current().pid());
        target.stepHook().run("end", name(), s, progress);
        long joinedCount = n - errors;
        // Summed over sockets, with a storm's noise (pongs, pushes to guests already in): joins overlap
        // here, so round trips in sequence are counted by probeRoundTrips only.
        double exchanges = joinedCount == 0 ? 0 : (guests.exchanges() - exchanges0) / (double) joinedCount;
        double http = joinedCount == 0 ? 0 : (guests.httpCalls() - calls0) / (double) joinedCount;
        double connects = joinedCount == 0 ? 0 : (guests.tcpConnects() - connects0) / (double) joinedCount;

        double seconds = (last - start) / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", s);
        row.put("rate", round(rate, 1));
        row.put("clients", n);
        // How long the step lasted, its first arrival to its last roster: what "sustained" held for.
        row.put("seconds", round(seconds, 2));
        row.put("joinsPerSecond", round(seconds <= 0 ? 0 : joinedCount / seconds, 1));
        row.put("latencyMs", latencies.summaryMs());
        if (p.lean()) {
            row.put("phasesMs", phases.summaryMs());
        }
        row.put("errors", errors);
        // Counted on the SDK's sockets only; lean guests' round trips are the same protocol's.
        row.put("exchangesPerJoin", p.lean() ? -1.0 : round(exchanges, 2));
        row.put("httpRequestsPerJoin", p.lean() ? -1.0 : round(http, 2));
        row.put("tcpConnectsPerJoin", p.lean() ? -1.0 : round(connects, 2));
        row.put("serverCpuCores", server1.coresSince(server0));
        row.put("benchCpuCores", round((self1 - self0) / ((server1.atNanos() - server0.atNanos()) / 1e9), 2));
        // CPU per join on each side: what a rate costs in cores, whatever else the machine was doing.
        row.put("serverCpuMsPerJoin", cpuMsPer(server0, server1, joinedCount));
        row.put("benchCpuMsPerJoin", joinedCount == 0 ? -1.0 : round((self1 - self0) * 1000 / joinedCount, 2));
        // A database server apart from Foyer (--database-process): its CPU is a join's too.
        row.put("databaseCpuMsPerJoin", database0 < 0 || database1 < 0 || joinedCount == 0 ? -1.0
                : round((database1 - database0) * 1000 / joinedCount, 2));
        // Of those, what each JVM's JIT compilers and garbage collector took: a short run's noise.
        row.put("serverJitMsPerJoin", msPerJoin(serverThreads0, serverThreads1, ThreadCpu.Kind.COMPILER, joinedCount));
        row.put("serverGcMsPerJoin", msPerJoin(serverThreads0, serverThreads1, ThreadCpu.Kind.GC, joinedCount));
        row.put("benchJitMsPerJoin", msPerJoin(selfThreads0, selfThreads1, ThreadCpu.Kind.COMPILER, joinedCount));
        row.put("benchGcMsPerJoin", msPerJoin(selfThreads0, selfThreads1, ThreadCpu.Kind.GC, joinedCount));
        // Where the server's CPU went, by thread: Jetty's request threads, the meetings' writers, ...
        row.put("serverThreadsMsPerJoin", byThreadGroup(serverThreads0, serverThreads1, joinedCount));
        if (!p.mintOnArrival()) {
            row.put("mintTokensPerSecond", round(n / mintSeconds, 0));
            // What the back-end's half costs the server: signing each token and recording it.
            row.put("serverCpuMsPerMint", cpuMsPer(mint0, mint1, n));
        }
        // When in the step the slow joins were due: together (a stall) or all along (too high a rate).
        row.put("bySecond", timeline.rows());

        progress.show(() -> "step " + s + ": leaving");
        List<CompletableFuture<?>> ends = new ArrayList<>();
        for (CompletableFuture<Crowd.Member> member : joined) {
            Crowd.Member g = member.isDone() && !member.isCompletedExceptionally() ? member.join() : null;
            if (g != null) {
                g.leave();
                ends.add(g.gone());
            }
        }
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Counted nowhere: leaving is not what this workload measures.
        }
        return new Step(row, latencies, errors);
    }

    /** The server's CPU between two readings, in milliseconds per operation; -1 when unknown. */
    private static double cpuMsPer(ServerProbe.Sample from, ServerProbe.Sample to, long operations) {
        if (from.cpuSeconds() < 0 || to.cpuSeconds() < 0 || operations == 0) {
            return -1.0;
        }
        return round((to.cpuSeconds() - from.cpuSeconds()) * 1000 / operations, 2);
    }
}
