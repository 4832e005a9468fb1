package dev.foyer.sdk;

import java.util.List;

/**
 * One participant's presence in one meeting, from the join to the end. Returned at once by the
 * {@code join...} methods of {@link FoyerClient}; the work happens in the background and what it
 * learns reaches the {@link ConversationListener} given at join.
 *
 * <p>Thread-safe. No method blocks: actions ({@link #leave()}, {@link Chat#send}, {@link
 * Lobby#admit}...) are queued to the conversation's internal thread and their outcome arrives
 * through the listener. Getters return the state as of the most recent callback delivered to the
 * listener, so inside a callback (and on the callback executor in general) they agree with what
 * the listener has been told.
 */
public interface Conversation {
    /** The current state. */
    ConversationState state();

    /** Why the conversation ended; null until {@link ConversationState#ENDED}. */
    EndReason endReason();

    /** The meeting, once joined; null while establishing. */
    MeetingInfo meeting();

    /** This participant, once joined; null while establishing. */
    Participant self();

    /** The participants in the meeting, this one included, in the order they were seen. Empty until admitted. */
    List<Participant> participants();

    /** The participant with id {@code participantId} in the meeting, or null. */
    Participant participant(String participantId);

    /** Why and until when this participant waits in the lobby; null unless {@link ConversationState#IN_LOBBY}. */
    LobbyWait lobbyWait();

    /** Chat: send lines, read the history. */
    Chat chat();

    /** The lobby as presenters see it: who waits; admit, deny. */
    Lobby lobby();

    /** Presenter actions on participants and on the meeting. */
    Moderation moderation();

    /** Media signaling hooks for a media engine the app provides. */
    Media media();

    /** Whether {@link #leave()} does anything: true until the conversation has ended or is leaving. */
    boolean canLeave();

    /**
     * Leaves the meeting: tells the server, closes the connection and every resource the
     * conversation holds, and ends with {@link EndReason.Kind#LEFT}. Pending chat lines fail.
     * Calling it again, or after the end, does nothing.
     */
    void leave();

    /**
     * Tells the SDK that the device's network changed (Wi-Fi to cellular, say). The SDK drops the
     * current connection, which may be bound to the old network, and resumes the session on a
     * fresh one at once (while reconnecting, it retries now instead of waiting for the backoff).
     */
    void networkChanged();
}
