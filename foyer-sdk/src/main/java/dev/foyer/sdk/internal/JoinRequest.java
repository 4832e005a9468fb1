package dev.foyer.sdk.internal;

/** What a {@code join...} call was given: either a meeting URL, or a token and its discovery URI. */
public final class JoinRequest {
    final String displayName;
    final String meetingUrl;
    final String joinUrl;
    final String token;
    final String discoverUri;

    private JoinRequest(String displayName, String meetingUrl, String joinUrl, String token, String discoverUri) {
        this.displayName = displayName;
        this.meetingUrl = meetingUrl;
        this.joinUrl = joinUrl;
        this.token = token;
        this.discoverUri = discoverUri;
    }

    /** The meeting-URL flow. */
    public static JoinRequest meetingUrl(String displayName, String meetingUrl) {
        return new JoinRequest(displayName, meetingUrl, meetingUrl, null, null);
    }

    /** The token flow (guest or staff). */
    public static JoinRequest token(String displayName, String joinUrl, String token, String discoverUri) {
        return new JoinRequest(displayName, null, joinUrl, token, discoverUri);
    }
}
