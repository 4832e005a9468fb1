package dev.foyer.sdk;

import java.util.List;

/**
 * The meeting's lobby as a presenter sees it: who is waiting, and the calls to let them in or
 * turn them away. A guest waiting in the lobby sees nothing here; its own wait is {@link
 * Conversation#lobbyWait()}. Results arrive as {@link ConversationListener#onLobbyLeft} events (or
 * {@link ConversationListener#onRequestFailed}).
 */
public interface Lobby {
    /** Whether this participant may admit and deny: a presenter or organizer in the meeting. */
    boolean canManage();

    /** Who waits, longest waiting first. Empty unless {@link #canManage()}. */
    List<Participant> waiting();

    /** Lets {@code participant} (from {@link #waiting()}) into the meeting. */
    void admit(Participant participant);

    /** Lets everyone waiting into the meeting. */
    void admitAll();

    /**
     * Turns {@code participant} away.
     *
     * @param reason a sentence shown to them, at most 200 characters, or null
     */
    void deny(Participant participant, String reason);
}
