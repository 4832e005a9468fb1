package dev.foyer.sdk;

/** What the conversation knows of its meeting, once joined. Immutable. */
public final class MeetingInfo {
    private final String onlineMeetingId;
    private final String subject;
    private final String joinUrl;

    /**
     * @param onlineMeetingId the 13-character meeting id
     * @param subject the meeting's subject (empty if unknown)
     * @param joinUrl the meeting URL, or null if unknown
     */
    public MeetingInfo(String onlineMeetingId, String subject, String joinUrl) {
        if (onlineMeetingId == null) {
            throw new NullPointerException("onlineMeetingId == null");
        }
        this.onlineMeetingId = onlineMeetingId;
        this.subject = subject == null ? "" : subject;
        this.joinUrl = joinUrl;
    }

    /** The meeting id. */
    public String onlineMeetingId() {
        return onlineMeetingId;
    }

    /** The subject. */
    public String subject() {
        return subject;
    }

    /** The meeting's join URL; null if unknown. */
    public String joinUrl() {
        return joinUrl;
    }

    @Override
    public String toString() {
        return "MeetingInfo{" + onlineMeetingId + ", " + subject + "}";
    }
}
