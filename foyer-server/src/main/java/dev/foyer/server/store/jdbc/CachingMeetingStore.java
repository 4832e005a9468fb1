package dev.foyer.server.store.jdbc;

import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.Organizer;
import dev.foyer.server.store.MeetingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Remembers meeting rows for a moment: a guest's discovery and join read the same meeting, and
 * so does everyone joining it in the same second. Every write through this store forgets the
 * meeting at once, and reads inside a transaction are never remembered ({@link RecentRows}); a
 * write that bypasses it shows within {@link #TTL}: another process on the same database, or a
 * cascade (deleting an application deletes its meetings, and with them their tokens, so nobody
 * can discover or join them meanwhile).
 */
final class CachingMeetingStore implements MeetingStore {
    static final Duration TTL = Duration.ofSeconds(2);
    static final int SIZE = 10_000;

    private final MeetingStore store;
    private final RecentRows<MeetingId, Meeting> recent;
    /** Told after a meeting is deleted, with what it owned. */
    private final Consumer<MeetingId> deleted;

    CachingMeetingStore(MeetingStore store, BooleanSupplier inTransaction, Consumer<MeetingId> deleted) {
        this.store = store;
        this.recent = new RecentRows<>(TTL, SIZE, inTransaction);
        this.deleted = deleted;
    }

    @Override
    public Optional<Meeting> find(MeetingId id) {
        return recent.find(id, store::find);
    }

    @Override
    public void insert(Meeting meeting) {
        recent.write(meeting.id(), () -> {
            store.insert(meeting);
            return null;
        });
    }

    @Override
    public boolean update(Meeting meeting) {
        return recent.write(meeting.id(), () -> store.update(meeting));
    }

    @Override
    public boolean markEnded(MeetingId id, Instant at, String reason) {
        return recent.write(id, () -> store.markEnded(id, at, reason));
    }

    @Override
    public List<Meeting> listByOrganizer(Organizer organizer, int offset, int limit) {
        return store.listByOrganizer(organizer, offset, limit);
    }

    @Override
    public boolean delete(MeetingId id) {
        try {
            return recent.write(id, () -> store.delete(id));
        } finally {
            deleted.accept(id);
        }
    }
}
