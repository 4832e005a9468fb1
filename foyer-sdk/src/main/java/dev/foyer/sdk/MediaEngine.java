package dev.foyer.sdk;

/**
 * Receives the media signaling of a conversation; implemented by the app's WebRTC engine. Every
 * method has a no-op default. Calls arrive on the conversation's callback executor, in the order
 * the server sent them, interleaved with {@link ConversationListener} calls.
 */
public abstract class MediaEngine {
    /** Ignores everything. */
    public static final MediaEngine NONE = new MediaEngine() {};

    /**
     * A remote participant sent an offer, an answer or an ICE candidate.
     *
     * @param dataJson the JSON object the sender passed to {@link Media#sendSignal}
     */
    public void onSignal(Conversation conversation, String fromParticipantId, SignalKind kind, String dataJson) {
    }

    /**
     * The session resumed on a new connection after a network loss. Signals sent meanwhile were
     * lost (they are not replayed): renegotiate, with an ICE restart.
     */
    public void onSessionResumed(Conversation conversation) {
    }

    /** A presenter asked this participant to mute its microphone. */
    public void onMuteRequested(Conversation conversation, Participant by) {
    }

    /** The conversation ended: release cameras, microphones and peer connections. Terminal. */
    public void onClosed(Conversation conversation) {
    }
}
