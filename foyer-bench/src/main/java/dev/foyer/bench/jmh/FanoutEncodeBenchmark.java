package dev.foyer.bench.jmh;

import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.live.Outbound;
import dev.foyer.server.live.ParticipantView;
import dev.foyer.server.live.Role;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.transport.ws.WireCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Encoding the events of a fan-out. The server encodes an event once and hands the same frame to
 * every recipient; {@code encodePerRecipient} shows what encoding it for each would cost instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanoutEncodeBenchmark {
    @Param({"100"})
    public int recipients;

    private final WireCodec codec = new WireCodec();
    private Outbound.Chat chat;
    private Outbound.ParticipantUpdated update;
    private Outbound.Snapshot snapshot;

    @Setup
    public void setUp() {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        chat = new Outbound.Chat(42, new ChatRecord(new MeetingId("0123456789ABC"), 42, "m_0123456789abcdef",
                "p_0123456789abcdef", "Ada Lovelace", "c-17", "Hello, could you look at my mortgage offer?", now));
        update = new Outbound.ParticipantUpdated(43, new ParticipantView("p_0123456789abcdef", "Ada Lovelace",
                Role.GUEST, true, false, true, false, now, null));
        List<ParticipantView> roster = new ArrayList<>();
        for (int i = 0; i < recipients; i++) { // joined a few milliseconds apart, at the clock's microseconds
            roster.add(new ParticipantView("p_" + (1_000_000_000_000_000L + i), "Guest " + i, Role.GUEST, true, false,
                    true, false, now.plusNanos(i * 3_217_000L), null));
        }
        snapshot = new Outbound.Snapshot(44, roster, List.of(), List.of());
    }

    @Benchmark
    public byte[] encodeChat() {
        return codec.writeUtf8(chat);
    }

    @Benchmark
    public byte[] encodeParticipantUpdate() {
        return codec.writeUtf8(update);
    }

    /** What a joiner gets first: everyone already in the meeting, {@code recipients} of them. */
    @Benchmark
    public byte[] encodeSnapshot() {
        return codec.writeUtf8(snapshot);
    }

    @Benchmark
    public int encodePerRecipient() {
        int bytes = 0;
        for (int i = 0; i < recipients; i++) {
            bytes += codec.writeUtf8(chat).length;
        }
        return bytes;
    }
}
