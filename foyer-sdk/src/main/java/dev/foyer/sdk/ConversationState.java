package dev.foyer.sdk;

/**
 * Where a {@link Conversation} stands. The normal path is {@link #ESTABLISHING} → ({@link
 * #IN_LOBBY} →) {@link #ESTABLISHED} → {@link #ENDED}; {@link #RECONNECTING} may interrupt
 * {@code IN_LOBBY} or {@code ESTABLISHED} and returns to the state it interrupted. {@code ENDED}
 * is terminal; {@link Conversation#endReason()} says why.
 */
public enum ConversationState {
    /** Resolving the meeting, obtaining a token, connecting and joining. */
    ESTABLISHING,
    /** Joined, waiting in the lobby until a presenter admits (or denies) this participant. */
    IN_LOBBY,
    /** In the meeting: roster, chat and media signaling are live. */
    ESTABLISHED,
    /** The connection was lost; the SDK is resuming the same session with backoff. */
    RECONNECTING,
    /** Over, for good. See {@link Conversation#endReason()}. */
    ENDED;

    /** Whether this state is {@link #ENDED}. */
    public boolean isTerminal() {
        return this == ENDED;
    }
}
