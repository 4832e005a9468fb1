package dev.foyer.server.store.jdbc;

import dev.foyer.server.app.AppId;
import dev.foyer.server.app.Application;
import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.live.ParticipationRecord;
import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.AutomaticLeaderAssignment;
import dev.foyer.server.meeting.LobbyBypass;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingPolicy;
import dev.foyer.server.meeting.Organizer;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.StoredSigningKey;
import dev.foyer.server.token.TokenDigest;
import dev.foyer.server.token.TokenKind;
import dev.foyer.server.user.User;
import dev.foyer.server.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Values for store tests. Every call returns values unique to it, so tests can share one database;
 * instants are whole milliseconds, the precision every store keeps.
 */
final class StoreFixtures {
    private StoreFixtures() {}

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static Application application() {
        return application(now());
    }

    static Application application(Instant createdAt) {
        return new Application(AppId.random(), unique("Acme "), unique("client-"), unique("hash-"),
                List.of("https://acme.example", "http://localhost:3000"), "https://acme.example/hooks",
                unique("whsec-"), createdAt);
    }

    static User user() {
        return user(now());
    }

    static User user(Instant createdAt) {
        return new User(UserId.random(), unique("user"), "Ada Lovelace", unique("pat-"), createdAt);
    }

    static Organizer organizerOf(Application application) {
        return new Organizer(Organizer.Kind.APPLICATION, application.id().value(), application.id().value());
    }

    static Organizer organizerOf(User user) {
        return new Organizer(Organizer.Kind.USER, user.id().value(), user.userName());
    }

    static Meeting adHocMeeting(Organizer organizer, Instant createdAt) {
        return new Meeting(MeetingId.random(), organizer, "Support call", null, MeetingPolicy.DEFAULT,
                List.of(), List.of(), null, null, createdAt.plus(Duration.ofHours(8)), createdAt, null, null);
    }

    static Meeting scheduledMeeting(Organizer organizer) {
        Instant createdAt = now();
        Instant start = createdAt.plus(Duration.ofDays(1));
        return new Meeting(MeetingId.random(), organizer, "Quarterly review", "Numbers, then questions",
                new MeetingPolicy(AccessLevel.Invited, LobbyBypass.Invited, AutomaticLeaderAssignment.Invited),
                List.of("grace", "usr_abcdefghijklmnop", "name with \"quotes\",\ncommas and newline", ""),
                List.of("ada", "Zoë ☕"),
                start, start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(2)), createdAt, null, null);
    }

    static IssuedToken token(MeetingId meetingId) {
        return token(meetingId, null, now().plus(Duration.ofHours(1)));
    }

    static IssuedToken token(MeetingId meetingId, String appId, Instant expiresAt) {
        return new IssuedToken(unique("jti-"), TokenKind.GUEST, meetingId, appId, unique("guest:"),
                expiresAt.minus(Duration.ofHours(1)), expiresAt, null, null, TokenDigest.of(unique("token-")));
    }

    static StoredSigningKey signingKey(Instant createdAt) {
        return new StoredSigningKey(unique("kid-"), "{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":\"" + unique("") + "\"}",
                createdAt, null);
    }

    /** A chat line whose message id and sent time derive from its sequence number. */
    static ChatRecord chatLine(MeetingId meetingId, long seq, String senderId, String clientMessageId, String text) {
        return new ChatRecord(meetingId, seq, "msg-" + meetingId + "-" + seq, senderId, "Name of " + senderId,
                clientMessageId, text, Instant.parse("2026-01-01T10:00:00Z").plusMillis(seq));
    }

    /** A guest who joined at {@code joinedAt} and has been neither admitted nor gone. */
    static ParticipationRecord participation(MeetingId meetingId, String participantId, Instant joinedAt) {
        return new ParticipationRecord(meetingId, participantId, unique("guest:"), "Zoë ☕ " + participantId,
                "guest", joinedAt, null, null, null, null);
    }
}
