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
 *
 * <p>With {@code meetingJoins} above 0, meetings come and go as well, as they do when every
 * visitor gets a meeting of their own: a meeting that has taken that many joins takes no more, a
 * new one takes its place, and once its last guest has left the back-end ends it (the Platform
 * API's {@code DELETE}). What the server keeps per meeting must then go with the meeting.
 */
public final class Churn extends Workload {
    private static final long HISTORY_SETTLE_MILLIS = 2_000;
    /** @param meetingJoins joins a meeting takes before a new one replaces it; 0: meetings last the whole run */
    public record Params(int seconds, int population, int meetings, double rate, int sampleSeconds,
            int meetingJoins) {
        public Params {
            if (seconds < 1 || population < 1 || meetings < 1 || rate <= 0 || sampleSeconds < 1) {
                throw new IllegalArgumentException("seconds, population, meetings, rate, sampleSeconds must be positive");
            }
            if (meetingJoins < 0) {
                throw new IllegalArgumentException("meetingJoins must not be negative");
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
        m.put("meetingJoins", p.meetingJoins());
        m.put("client", "foyer-sdk FoyerClient (OkHttp), one conversation per guest");
        return m;
    }

    @Override
    void run(Target target, Progress progress, Map<String, Object> result) throws InterruptedException {
        long errors = 0;
        AtomicLong joins = new AtomicLong();
        List<Map<String, Object>> samples = new ArrayList<>();
        try (Tickets tickets = new Tickets(target.platform()); SdkGuests guests = new SdkGuests()) {
            Rooms rooms = new Rooms(tickets, target, p.meetings(), p.meetingJoins());
            ArrayDeque<Present> present = new ArrayDeque<>();
            progress.show(() -> "filling " + present.size() + "/" + p.population());
            for (int i = 0; i < p.population(); i++) {
                Room r = rooms.next(i);
                present.add(new Present(guests.join(tickets.mint(r.meeting), null), r));
            }
            for (Present g : present) {
                errors += awaitIn(g.guest());
            }
            Thread.sleep(HISTORY_SETTLE_MILLIS); // participation rows are written off the meeting's writer
            Map<String, Object> start = snapshot(target, 0);
            samples.add(start);
            long begin = System.nanoTime();
            long end = begin + TimeUnit.SECONDS.toNanos(p.seconds());
            long nextSample = begin + TimeUnit.SECONDS.toNanos(p.sampleSeconds());
            long[] errorCount = {errors};
            progress.show(() -> String.format("churn: %d joins, %d meetings ended, %d errors, %ds left", joins.get(),
                    rooms.ended(), errorCount[0], Math.max(0, TimeUnit.NANOSECONDS.toSeconds(end - System.nanoTime()))));
            double interval = 1e9 / p.rate();
            long i = 0;
            while (System.nanoTime() < end) {
                long due = begin + (long) (i * interval);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Present leaving = present.poll();
                errors += leaving.guest().inMeeting.isCompletedExceptionally() ? 1 : 0;
                leaving.guest().leave();
                Room r = rooms.next(p.population() + i);
                present.add(new Present(guests.join(tickets.mint(r.meeting), null), r));
                joins.incrementAndGet();
                errors += awaitEnded(leaving.guest()) ? 0 : 1;
                rooms.left(leaving.room());
                i++;
                if (System.nanoTime() >= nextSample) {
                    samples.add(snapshot(target, (System.nanoTime() - begin) / 1_000_000_000L));
                    nextSample += TimeUnit.SECONDS.toNanos(p.sampleSeconds());
                }
                errorCount[0] = errors;
            }
            for (Present g : present) {
                errors += awaitIn(g.guest());
            }
            Thread.sleep(HISTORY_SETTLE_MILLIS); // let the history writer record the last leaves
            Map<String, Object> last = snapshot(target, (System.nanoTime() - begin) / 1_000_000_000L);
            samples.add(last);
            result.put("errors", errors + rooms.errors());
            result.put("joins", joins.get());
            result.put("meetingsEnded", rooms.ended());
            result.put("start", start);
            result.put("end", last);
            result.put("samples", samples);
            present.forEach(g -> g.guest().leave());
        }
    }

    /** A guest present, and the room it is in. */
    private record Present(SdkGuests.Guest guest, Room room) {}

    /** A meeting of the churn, with its joins so far and its guests present. */
    private static final class Room {
        final Meeting meeting;
        int joins;
        int present;
        boolean retired;

        Room(Meeting meeting) {
            this.meeting = meeting;
        }
    }

    /**
     * The churn's meetings: join {@code n} goes to slot {@code n % slots}. With {@code meetingJoins}
     * above 0, a slot's meeting that has taken that many joins is retired and a new one takes the
     * slot; a retired meeting is ended once nobody is left in it (at once if its guests already left).
     */
    private static final class Rooms {
        private final Tickets tickets;
        private final Target target;
        private final int meetingJoins;
        private final Room[] slots;
        private int created;
        private int ended;
        private int errors;

        Rooms(Tickets tickets, Target target, int slots, int meetingJoins) {
            this.tickets = tickets;
            this.target = target;
            this.meetingJoins = meetingJoins;
            this.slots = tickets.meetings(slots, "churn").stream().map(Room::new).toArray(Room[]::new);
            created = slots;
        }

        /** The room of join {@code n}, counted in. */
        Room next(long n) {
            int slot = (int) (n % slots.length);
            Room r = slots[slot];
            if (meetingJoins > 0 && r.joins >= meetingJoins) {
                r.retired = true;
                endIfEmpty(r);
                r = new Room(tickets.meetings(1, "churn " + (++created)).get(0));
                slots[slot] = r;
            }
            r.joins++;
            r.present++;
            return r;
        }

        /** A guest of {@code r} has left. */
        void left(Room r) {
            r.present--;
            endIfEmpty(r);
        }

        /** Ends {@code r}'s meeting through the Platform API once it is retired and nobody is left in it. */
        private void endIfEmpty(Room r) {
            if (r.present > 0 || !r.retired) {
                return;
            }
            r.retired = false; // ended once
            try {
                target.platform().endMeeting(r.meeting.onlineMeetingId());
                ended++;
            } catch (RuntimeException e) {
                errors++;
            }
        }

        /** Meetings that could not be ended. */
        int errors() {
            return errors;
        }

        int ended() {
            return ended;
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
