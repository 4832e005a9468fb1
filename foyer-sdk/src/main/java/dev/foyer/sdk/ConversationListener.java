package dev.foyer.sdk;

/**
 * Receives everything a {@link Conversation} learns. Extend it and override what you need; every
 * method is a no-op by default.
 *
 * <p><b>Thread.</b> Every method is called on the callback executor configured with {@link
 * FoyerClient.Builder#callbackExecutor} (on Android, pass the main thread's executor), never on
 * the caller's thread of a {@code join} or an action, and never on a network thread.
 *
 * <p><b>Ordering.</b> Calls for one conversation are made one at a time, in the order the events
 * happened, even on a multi-threaded executor. Conversation getters called from a callback return
 * the state as of that callback. The conversation starts in {@link ConversationState#ESTABLISHING}
 * (no call announces it); the last call is {@link #onEnded}, made exactly once, after the change to
 * {@link ConversationState#ENDED}; nothing follows it.
 *
 * <p>A listener that throws is logged and does not break the conversation.
 */
public abstract class ConversationListener {
    /** Ignores everything. */
    public static final ConversationListener NONE = new ConversationListener() {};

    /** The state changed from {@code previous} to {@code state}. */
    public void onStateChanged(Conversation conversation, ConversationState previous, ConversationState state) {
    }

    /** A {@code canX()} answer may have changed: {@link Chat#canSend()}, {@link Lobby#canManage()}, {@link Moderation#canModerate()}, {@link Conversation#canLeave()}. */
    public void onCapabilitiesChanged(Conversation conversation) {
    }

    /** This participant waits in the lobby (also called again after a resume in the lobby). */
    public void onLobbyWaiting(Conversation conversation, LobbyWait wait) {
    }

    /**
     * The roster was replaced as a whole: on admission, and on a resume whose missed events the
     * server no longer held. {@link Conversation#participants()} holds the new list; no
     * joined/left calls are made for the difference.
     */
    public void onParticipantsReset(Conversation conversation) {
    }

    /** Someone entered the meeting. */
    public void onParticipantJoined(Conversation conversation, Participant participant) {
    }

    /** Someone's role, name or media state changed ({@code participant} is the new value). */
    public void onParticipantUpdated(Conversation conversation, Participant participant) {
    }

    /**
     * Someone left for good.
     *
     * @param reason the server's reason: {@code left}, {@code removed}, {@code timeout}, {@code replaced} or {@code ended}
     */
    public void onParticipantLeft(Conversation conversation, Participant participant, String reason) {
    }

    /** (Presenters.) A guest started waiting in the lobby. */
    public void onLobbyEntered(Conversation conversation, Participant participant) {
    }

    /**
     * (Presenters.) A guest stopped waiting.
     *
     * @param outcome {@code admitted}, {@code denied}, {@code left} or {@code timeout}
     */
    public void onLobbyLeft(Conversation conversation, Participant participant, String outcome) {
    }

    /**
     * A chat line entered {@link Chat#history()}: a line from someone else, a line of this
     * participant's sent from another connection, or a line this app just sent (then {@link
     * ChatMessage.State#PENDING}). History from the snapshot on admission arrives here too, oldest
     * first.
     */
    public void onChatMessage(Conversation conversation, ChatMessage message) {
    }

    /** An outgoing line was delivered ({@link ChatMessage.State#SENT}) or failed. */
    public void onChatMessageStateChanged(Conversation conversation, ChatMessage message) {
    }

    /** Someone is typing. */
    public void onTyping(Conversation conversation, Participant participant) {
    }

    /** A presenter asked this participant to mute its microphone. */
    public void onMuteRequested(Conversation conversation, Participant by) {
    }

    /**
     * The connection was lost and the SDK will try to resume in {@code delayMillis} (attempt
     * {@code attempt}, from 1). The state is {@link ConversationState#RECONNECTING}.
     */
    public void onReconnecting(Conversation conversation, int attempt, long delayMillis) {
    }

    /** An action of this app (admit, remove, a signal...) was refused. The conversation goes on. */
    public void onRequestFailed(Conversation conversation, FoyerException error) {
    }

    /**
     * The conversation ended (left, ended, denied, removed, or failed: see {@link
     * EndReason#kind()}). Terminal: called exactly once, last.
     */
    public void onEnded(Conversation conversation, EndReason reason) {
    }
}
