package dev.foyer.bench.jmh;

import dev.foyer.server.live.Admission;
import dev.foyer.server.live.Command;
import dev.foyer.server.live.Effect;
import dev.foyer.server.live.Entrant;
import dev.foyer.server.live.LiveMeeting;
import dev.foyer.server.live.LiveSettings;
import dev.foyer.server.live.Role;
import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.AutomaticLeaderAssignment;
import dev.foyer.server.meeting.LobbyBypass;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingPolicy;
import dev.foyer.server.meeting.Organizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The meeting state machine alone, in a meeting of N participants: a chat line, a roster change,
 * and one more guest joining (roster snapshot included) and leaving.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LiveMeetingBenchmark {
    @Param({"10", "100", "1000"})
    public int participants;

    private LiveMeeting meeting;
    private String sender;
    private final AtomicLong n = new AtomicLong();
    private Instant now;

    @Setup
    public void setUp() {
        now = Instant.parse("2026-11-28T10:00:00Z");
        Meeting m = new Meeting(new MeetingId("0123456789ABC"), new Organizer(Organizer.Kind.APPLICATION,
                "app_0000000000000000", "app_0000000000000000"), "Bench", null,
                new MeetingPolicy(AccessLevel.Everyone, LobbyBypass.Everyone, AutomaticLeaderAssignment.Disabled),
                List.of(), List.of(), null, null, now.plus(Duration.ofDays(365)), now, null, null);
        LiveSettings unlimited = new LiveSettings(Duration.ofMinutes(15), Duration.ofSeconds(30), participants + 1,
                50, 1024, 1e12, 1e12, 1e12, 1e12, participants + 1);
        AtomicLong ids = new AtomicLong();
        meeting = new LiveMeeting(m, unlimited, 0, List.of(), () -> Long.toString(ids.incrementAndGet(), 36));
        for (int i = 0; i < participants; i++) {
            Entrant e = new Entrant("guest:" + i, "jti-" + i, "Guest " + i,
                    new Admission.Decision(Role.GUEST, true, false, null), now.plus(Duration.ofHours(1)));
            String id = meeting.enter(e, null, now).orElseThrow().id();
            if (i == 0) {
                sender = id;
            }
        }
        meeting.drainEffects();
    }

    @Benchmark
    public List<Effect> chatLine() {
        long i = n.incrementAndGet();
        meeting.handle(sender, new Command.SendChat(null, "c" + i, "hello " + i), now);
        return meeting.drainEffects();
    }

    @Benchmark
    public List<Effect> joinAndLeave() {
        long i = n.incrementAndGet();
        Entrant e = new Entrant("guest:extra-" + i, "jti-extra-" + i, "Extra " + i,
                new Admission.Decision(Role.GUEST, true, false, null), now.plus(Duration.ofHours(1)));
        String id = meeting.enter(e, null, now).orElseThrow().id();
        meeting.handle(id, new Command.Leave(null), now);
        return meeting.drainEffects();
    }

    @Benchmark
    public List<Effect> mediaUpdate() {
        long i = n.incrementAndGet();
        meeting.handle(sender, new Command.UpdateMedia(null, (i & 1) == 0, null, null), now);
        return meeting.drainEffects();
    }
}
