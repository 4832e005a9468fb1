package dev.foyer.sdk;

/**
 * Presenter actions. The server checks every one; a refusal arrives through {@link
 * ConversationListener#onRequestFailed} with {@link FoyerException.Kind#FORBIDDEN}.
 */
public interface Moderation {
    /** Whether this participant may moderate: a presenter or organizer in the meeting. */
    boolean canModerate();

    /** Makes {@code participant} a {@link Role#PRESENTER} or an {@link Role#ATTENDEE}. */
    void setRole(Participant participant, Role role);

    /**
     * Removes {@code participant} from the meeting for good.
     *
     * @param reason a sentence shown to them, at most 200 characters, or null
     */
    void remove(Participant participant, String reason);

    /** Asks {@code participant}'s client to mute its microphone. */
    void requestMute(Participant participant);

    /**
     * Ends the meeting for everyone.
     *
     * @param reason a sentence shown to everyone, or null
     */
    void endMeeting(String reason);
}
