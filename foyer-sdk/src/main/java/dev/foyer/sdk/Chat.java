package dev.foyer.sdk;

import java.util.List;

/**
 * The meeting's chat, as seen by this participant. Thread-safe and non-blocking.
 */
public interface Chat {
    /**
     * Whether {@link #send} can deliver now or after a resume: true while {@link
     * ConversationState#ESTABLISHED} or {@link ConversationState#RECONNECTING} from it. Changes are
     * announced by {@link ConversationListener#onCapabilitiesChanged}.
     */
    boolean canSend();

    /**
     * Sends {@code text} to everyone in the meeting. Returns the line at once, {@link
     * ChatMessage.State#PENDING}; its outcome arrives through {@link
     * ConversationListener#onChatMessageStateChanged} ({@code SENT}, or {@code FAILED} with a reason,
     * for instance when {@link #canSend()} was false). A line sent while reconnecting is delivered
     * once the session resumes, exactly once.
     *
     * @throws IllegalArgumentException if {@code text} is blank or longer than 4000 characters
     */
    ChatMessage send(String text);

    /** Tells the others that this participant is typing. Ignored unless {@link #canSend()}. */
    void sendTyping();

    /**
     * The lines this participant has seen and sent, committed ones in meeting order, then pending
     * and failed ones in the order sent. On admission it starts with the meeting's recent history.
     */
    List<ChatMessage> history();
}
