package dev.foyer.server.live;

import java.time.Instant;
import java.util.List;

/**
 * What the meeting asks of the world after a command: messages to deliver, connections to close,
 * chat to commit, tokens to revoke, history to record. The runtime carries them out in order;
 * messages of a cycle are delivered only after that cycle's chat is committed.
 */
public sealed interface Effect {
    /** Send {@code message} to each of {@code recipients} (participant ids); serialize it once. */
    record Deliver(Outbound message, List<String> recipients) implements Effect {}

    /** Close the participant's connection (if any) with a protocol close code. */
    record Close(String participantId, int code, String reason) implements Effect {}

    /** Commit a chat line before this cycle's messages go out. */
    record Persist(ChatRecord line) implements Effect {}

    /** The join token (by jti) must stop working: its holder was removed. */
    record RevokeToken(String jti) implements Effect {}

    /** The participant is gone for good: forget its connection. */
    record Forget(String participantId) implements Effect {}

    // History effects carry the seq of the live event they go with (webhooks and the event feed use it).

    /** History: a participant entered (lobby or meeting), announced at {@code seq}. */
    record Entered(ParticipationRecord record, long seq) implements Effect {}

    /**
     * History: a waiting participant was admitted by {@code by} (a participant id, or
     * {@link LiveMeeting#APPLICATION}), and joined the roster at {@code seq}.
     */
    record WasAdmitted(String participantId, String by, Instant at, long seq, java.time.Duration waited)
            implements Effect {}

    /** A waiting participant was turned away (denied, or the lobby timed out); a {@link Left} follows. */
    record WasDenied(String participantId, String reason, Instant at, long seq) implements Effect {}

    /** History: a participant left, for {@code reason}. */
    record Left(String participantId, Instant at, String reason, long seq) implements Effect {}

    /** The meeting ended at {@code seq}: revoke all its tokens, disconnect everyone, drop the meeting. */
    record MeetingEnded(String reason, long seq) implements Effect {}
}
