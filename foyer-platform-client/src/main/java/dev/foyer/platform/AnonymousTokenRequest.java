package dev.foyer.platform;

import java.util.List;
import java.util.Objects;

/**
 * The body of {@link FoyerPlatformClient#createAnonymousToken}: a guest token for a visitor the
 * application has verified with its own authentication.
 *
 * <pre>{@code
 * AnonymousTokenRequest request = AnonymousTokenRequest.builder()
 *     .applicationSessionId("visitor-42")
 *     .meetingUrl(meeting.joinUrl())
 *     .allowedOrigins(List.of("https://shop.example"))
 *     .expiresInMinutes(30)
 *     .build();
 * }</pre>
 *
 * @param applicationSessionId required: the application's own id for the visitor's session, 1 to
 *     128 characters; it becomes the guest's identity in the meeting
 * @param allowedOrigins the origins ({@code scheme://host[:port]}) a browser using the token must
 *     present; empty for a token used by native apps only
 * @param meetingUrl required: the {@link Meeting#joinUrl()} of one of the application's meetings
 * @param expiresInMinutes the token's lifetime, 1 to 480; {@code null} for the server's default (60)
 */
public record AnonymousTokenRequest(
        String applicationSessionId, List<String> allowedOrigins, String meetingUrl, Integer expiresInMinutes) {

    public AnonymousTokenRequest {
        Objects.requireNonNull(applicationSessionId, "applicationSessionId == null");
        Objects.requireNonNull(meetingUrl, "meetingUrl == null");
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    /** An empty builder; {@code applicationSessionId} and {@code meetingUrl} must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this request's values. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** Builds an {@link AnonymousTokenRequest}; {@code applicationSessionId} and {@code meetingUrl} are required. */
    public static final class Builder {
        private String applicationSessionId;
        private List<String> allowedOrigins = List.of();
        private String meetingUrl;
        private Integer expiresInMinutes;

        /** An empty builder, as {@link AnonymousTokenRequest#builder()} returns. */
        public Builder() {}

        private Builder(AnonymousTokenRequest r) {
            applicationSessionId = r.applicationSessionId;
            allowedOrigins = r.allowedOrigins;
            meetingUrl = r.meetingUrl;
            expiresInMinutes = r.expiresInMinutes;
        }

        /** Required: the application's own id for the visitor's session, 1 to 128 characters. */
        public Builder applicationSessionId(String applicationSessionId) {
            this.applicationSessionId = Objects.requireNonNull(applicationSessionId, "applicationSessionId == null");
            return this;
        }

        /** The origins a browser using the token must present; empty (the default) for native apps only. */
        public Builder allowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = Objects.requireNonNull(allowedOrigins, "allowedOrigins == null");
            return this;
        }

        /** Required: the {@link Meeting#joinUrl()} of one of the application's meetings. */
        public Builder meetingUrl(String meetingUrl) {
            this.meetingUrl = Objects.requireNonNull(meetingUrl, "meetingUrl == null");
            return this;
        }

        /** The token's lifetime in minutes (1 to 480), or {@code null} for the server's default. */
        public Builder expiresInMinutes(Integer expiresInMinutes) {
            this.expiresInMinutes = expiresInMinutes;
            return this;
        }

        /** @throws IllegalStateException if a required field is unset */
        public AnonymousTokenRequest build() {
            if (applicationSessionId == null) {
                throw new IllegalStateException("applicationSessionId == null");
            }
            if (meetingUrl == null) {
                throw new IllegalStateException("meetingUrl == null");
            }
            return new AnonymousTokenRequest(applicationSessionId, allowedOrigins, meetingUrl, expiresInMinutes);
        }
    }
}
