package dev.foyer.server.meeting;

import dev.foyer.server.error.FoyerException;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.store.MeetingStore;
import dev.foyer.server.store.Stores;
import dev.foyer.server.webhook.WebhookOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Creates, reads, changes and ends meetings on behalf of their organizers. An organizer only
 * ever sees its own meetings: another's is reported as not found, never as forbidden. Creating or
 * ending an application's meeting writes its webhook event in the same transaction.
 */
public final class MeetingService {
    private final Stores stores;
    private final MeetingStore meetings;
    private final IssuedTokenStore tokens;
    private final WebhookOutbox outbox;
    private final LiveMeetings live;
    private final Clock clock;
    private final Duration defaultLifetime;
    private final Duration maxLifetime;

    public MeetingService(Stores stores, WebhookOutbox outbox, LiveMeetings live, Clock clock,
            Duration defaultLifetime, Duration maxLifetime) {
        this.stores = stores;
        this.meetings = stores.meetings();
        this.tokens = stores.issuedTokens();
        this.outbox = outbox;
        this.live = live;
        this.clock = clock;
        this.defaultLifetime = defaultLifetime;
        this.maxLifetime = maxLifetime;
    }

    public Meeting create(Organizer organizer, MeetingSpec spec) {
        // Milliseconds keep "newest first" ordering exact.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        MeetingRules.schedule(spec.startTime(), spec.endTime());
        MeetingPolicy policy = new MeetingPolicy(
                orDefault(spec.accessLevel(), MeetingPolicy.DEFAULT.accessLevel()),
                orDefault(spec.lobbyBypass(), MeetingPolicy.DEFAULT.lobbyBypass()),
                orDefault(spec.automaticLeaderAssignment(), MeetingPolicy.DEFAULT.automaticLeaderAssignment()));
        Meeting meeting = new Meeting(MeetingId.random(), organizer, MeetingRules.subject(spec.subject()),
                MeetingRules.description(spec.description()), policy,
                MeetingRules.names("attendees", spec.attendees()), MeetingRules.names("leaders", spec.leaders()),
                spec.startTime(), spec.endTime(),
                MeetingRules.expiration(spec.expirationTime(), spec.startTime(), spec.endTime(), now, defaultLifetime,
                        maxLifetime),
                now, null, null);
        stores.inTransaction(() -> {
            meetings.insert(meeting);
            outbox.meetingCreated(meeting);
        });
        outbox.committed();
        return meeting;
    }

    /** The organizer's meeting, or {@code meeting_not_found}. */
    public Meeting getOwned(Organizer organizer, MeetingId id) {
        return meetings.find(id).filter(m -> m.isOwnedBy(organizer)).orElseThrow(FoyerException::meetingNotFound);
    }

    /** The meeting behind a meeting URL path: the organizer segment must match exactly. */
    public Meeting findByUrl(String organizerUrlName, MeetingId id) {
        return meetings.find(id).filter(m -> m.organizer().urlName().equals(organizerUrlName))
                .orElseThrow(FoyerException::meetingNotFound);
    }

    public Optional<Meeting> find(MeetingId id) {
        return meetings.find(id);
    }

    public List<Meeting> list(Organizer organizer, int offset, int limit) {
        return meetings.listByOrganizer(organizer, offset, limit);
    }

    public LiveMeetings.LiveCounts liveCounts(MeetingId id) {
        return live.counts(id);
    }

    /** Applies the non-null fields of {@code patch}; an ended meeting cannot change. */
    public Meeting update(Organizer organizer, MeetingId id, MeetingSpec patch) {
        Meeting m = getOwned(organizer, id);
        Instant now = clock.instant();
        if (m.isOver(now)) {
            throw new FoyerException(dev.foyer.protocol.ErrorCode.MEETING_ENDED, "the meeting has ended");
        }
        Instant start = patch.startTime() != null ? patch.startTime() : m.startTime();
        Instant end = patch.endTime() != null ? patch.endTime() : m.endTime();
        MeetingRules.schedule(start, end);
        MeetingPolicy policy = new MeetingPolicy(
                orDefault(patch.accessLevel(), m.policy().accessLevel()),
                orDefault(patch.lobbyBypass(), m.policy().lobbyBypass()),
                orDefault(patch.automaticLeaderAssignment(), m.policy().automaticLeaderAssignment()));
        Instant expiration = patch.expirationTime() != null || patch.endTime() != null
                ? MeetingRules.expiration(patch.expirationTime(), start, end, now, defaultLifetime, maxLifetime)
                : m.expirationTime();
        Meeting updated = new Meeting(m.id(), m.organizer(),
                patch.subject() != null ? MeetingRules.subject(patch.subject()) : m.subject(),
                patch.description() != null ? MeetingRules.description(patch.description()) : m.description(),
                policy,
                patch.attendees() != null ? MeetingRules.names("attendees", patch.attendees()) : m.attendees(),
                patch.leaders() != null ? MeetingRules.names("leaders", patch.leaders()) : m.leaders(),
                start, end, expiration, m.createdAt(), null, null);
        meetings.update(updated);
        return updated;
    }

    /**
     * Ends the meeting now: live participants are disconnected with {@code reason} and every token
     * for it stops working. Ending an ended meeting changes nothing.
     */
    public Meeting end(Organizer organizer, MeetingId id, String reason) {
        Meeting m = getOwned(organizer, id);
        Instant now = clock.instant();
        if (m.endedAt() == null) {
            Meeting owned = m;
            stores.inTransaction(() -> {
                if (meetings.markEnded(id, now, reason)) {
                    outbox.meetingEnded(owned, reason, outbox.nextStoredSeq(owned));
                }
            });
            outbox.committed();
            m = m.ended(now, reason);
        }
        tokens.revokeAllForMeeting(id, now);
        live.end(id, reason);
        return m;
    }

    /** Ends the meeting and removes it (a user cancelling a scheduled meeting). */
    public void delete(Organizer organizer, MeetingId id) {
        end(organizer, id, "deleted by the organizer");
        meetings.delete(id);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
