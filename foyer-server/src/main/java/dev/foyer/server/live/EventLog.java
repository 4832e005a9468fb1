package dev.foyer.server.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last events of a meeting with their audiences, for participants who resume after a drop.
 * Bounded: the oldest events fall off, and a resume from before them gets a snapshot instead.
 */
final class EventLog {
    private record Entry(Outbound.Sequenced event, Audience audience) {}

    private final int capacity;
    private final ArrayDeque<Entry> entries;

    EventLog(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    void add(Outbound.Sequenced event, Audience audience) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(event, audience));
    }

    /** Drops the events with these sequence numbers (a chat batch that failed to commit). */
    void removeSeqs(java.util.Set<Long> seqs) {
        entries.removeIf(e -> seqs.contains(e.event().seq()));
    }

    /**
     * The events after {@code lastSeq} that {@code p} should have received, in order; null when
     * events after {@code lastSeq} may have fallen off the log.
     */
    List<Outbound.Sequenced> since(long lastSeq, Participant p, long currentSeq) {
        if (lastSeq >= currentSeq) {
            return List.of();
        }
        Entry first = entries.peekFirst();
        if (first == null || first.event().seq() > lastSeq + 1) {
            return null;
        }
        List<Outbound.Sequenced> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.event().seq() > lastSeq && e.audience().includes(p, e.event().seq())) {
                out.add(e.event());
            }
        }
        return out;
    }
}
