package dev.foyer.server.token;

import dev.foyer.server.meeting.MeetingId;
import java.util.List;
import java.util.Objects;

/**
 * What a join token should say, before {@link TokenIssuer} adds its id and times. Build one with
 * {@link #newBuilder(TokenKind, MeetingId, String)}; the optional claims default to absent.
 *
 * @param role {@link #PRESENTER}, {@link #ATTENDEE}, or null
 * @param allowedOrigins never null; empty when the token is not limited to named origins
 */
public record JoinTokenRequest(
        TokenKind kind,
        MeetingId meetingId,
        String subject,
        String appId,
        String applicationSessionId,
        String displayName,
        String role,
        List<String> allowedOrigins) {

    public static final String PRESENTER = "presenter";
    public static final String ATTENDEE = "attendee";

    public JoinTokenRequest {
        Objects.requireNonNull(kind, "kind == null");
        if (!kind.isJoinToken()) {
            throw new IllegalArgumentException("kind is not a join token kind: " + kind);
        }
        Objects.requireNonNull(meetingId, "meetingId == null");
        Objects.requireNonNull(subject, "subject == null");
        if (role != null && !isRole(role)) {
            throw new IllegalArgumentException("role must be presenter or attendee: " + role);
        }
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    static boolean isRole(String role) {
        return PRESENTER.equals(role) || ATTENDEE.equals(role);
    }

    public static Builder newBuilder(TokenKind kind, MeetingId meetingId, String subject) {
        return new Builder(kind, meetingId, subject);
    }

    /** Collects the optional claims; {@link #build()} checks them. */
    public static final class Builder {
        private final TokenKind kind;
        private final MeetingId meetingId;
        private final String subject;
        private String appId;
        private String applicationSessionId;
        private String displayName;
        private String role;
        private List<String> allowedOrigins = List.of();

        private Builder(TokenKind kind, MeetingId meetingId, String subject) {
            this.kind = kind;
            this.meetingId = meetingId;
            this.subject = subject;
        }

        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        public Builder applicationSessionId(String applicationSessionId) {
            this.applicationSessionId = applicationSessionId;
            return this;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder role(String role) {
            this.role = role;
            return this;
        }

        public Builder allowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = Objects.requireNonNull(allowedOrigins, "allowedOrigins == null");
            return this;
        }

        public JoinTokenRequest build() {
            return new JoinTokenRequest(kind, meetingId, subject, appId, applicationSessionId, displayName, role,
                    allowedOrigins);
        }
    }
}
