package dev.foyer.server.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * meeting at once; a write that bypasses it shows within {@link #TTL}: another process on the
 * same database, or a cascade (deleting an application deletes its meetings, and with them their
 * tokens, so nobody can discover or join them meanwhile). Reads inside a transaction are never remembered, since what they see
 * may yet roll back, and a load races no write: Caffeine runs it under the key's lock, which
 * the write's invalidation waits for.
 */
final class CachingMeetingStore implements MeetingStore {
    static final Duration TTL = Duration.ofSeconds(2);
    static final int SIZE = 10_000;

    private final MeetingStore store;
    private final BooleanSupplier inTransaction;
    /** Told after a meeting is deleted, with what it owned. */
    private final Consumer<MeetingId> deleted;
    private final Cache<MeetingId, Meeting> recent = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(SIZE)
            .build();

    CachingMeetingStore(MeetingStore store, BooleanSupplier inTransaction, Consumer<MeetingId> deleted) {
        this.store = store;
        this.inTransaction = inTransaction;
        this.deleted = deleted;
    }

    @Override
    public Optional<Meeting> find(MeetingId id) {
        if (inTransaction.getAsBoolean()) {
            return store.find(id);
        }
        return Optional.ofNullable(recent.get(id, key -> store.find(key).orElse(null)));
    }

    @Override
    public void insert(Meeting meeting) {
        try {
            store.insert(meeting);
        } finally {
            recent.invalidate(meeting.id());
        }
    }

    @Override
    public boolean update(Meeting meeting) {
        try {
            return store.update(meeting);
        } finally {
            recent.invalidate(meeting.id());
        }
    }

    @Override
    public boolean markEnded(MeetingId id, Instant at, String reason) {
        try {
            return store.markEnded(id, at, reason);
        } finally {
            recent.invalidate(id);
        }
    }

    @Override
    public List<Meeting> listByOrganizer(Organizer organizer, int offset, int limit) {
        return store.listByOrganizer(organizer, offset, limit);
    }

    @Override
    public boolean delete(MeetingId id) {
        try {
            return store.delete(id);
        } finally {
            recent.invalidate(id);
            deleted.accept(id);
        }
    }
}
