package dev.foyer.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The body of {@link FoyerPlatformClient#createAdhocMeeting}: a meeting the application organizes.
 * Only {@code subject} is required; the server applies its defaults to what is left unset
 * ({@code null}): access level {@code Everyone}, lobby bypass {@code Leaders}, no automatic
 * leaders, expiry 8 hours from now.
 *
 * <pre>{@code
 * AdhocMeetingRequest request = AdhocMeetingRequest.builder("Mortgage advice")
 *     .accessLevel(AccessLevel.INVITED)
 *     .lobbyBypass(LobbyBypass.EVERYONE)
 *     .build();
 * }</pre>
 *
 * <p>The server checks the limits (subject 1 to 256 characters, description at most 4096,
 * expiration at most 30 days ahead) and answers 400 {@code invalid_field} otherwise.
 *
 * @param leaders user names promoted to presenter when they join; {@code null} for none
 */
public record AdhocMeetingRequest(
        String subject,
        String description,
        AccessLevel accessLevel,
        LobbyBypass lobbyBypass,
        AutomaticLeaderAssignment automaticLeaderAssignment,
        Instant expirationTime,
        List<String> leaders) {

    public AdhocMeetingRequest {
        Objects.requireNonNull(subject, "subject == null");
        leaders = leaders == null ? null : List.copyOf(leaders);
    }

    /** A builder for a meeting with this subject. */
    public static Builder builder(String subject) {
        return new Builder().subject(subject);
    }

    /** A builder that starts from this request's values. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** Builds an {@link AdhocMeetingRequest}. Setters accept {@code null} to fall back to the server's default. */
    public static final class Builder {
        private String subject;
        private String description;
        private AccessLevel accessLevel;
        private LobbyBypass lobbyBypass;
        private AutomaticLeaderAssignment automaticLeaderAssignment;
        private Instant expirationTime;
        private List<String> leaders;

        /** An empty builder; {@link #subject} must be set before {@link #build}. */
        public Builder() {}

        private Builder(AdhocMeetingRequest r) {
            subject = r.subject;
            description = r.description;
            accessLevel = r.accessLevel;
            lobbyBypass = r.lobbyBypass;
            automaticLeaderAssignment = r.automaticLeaderAssignment;
            expirationTime = r.expirationTime;
            leaders = r.leaders;
        }

        /** Required: what the meeting is about, shown to everyone who joins. */
        public Builder subject(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject == null");
            return this;
        }

        /** Optional: at most 4096 characters. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Who may enter; the server's default is {@link AccessLevel#EVERYONE}. */
        public Builder accessLevel(AccessLevel accessLevel) {
            this.accessLevel = accessLevel;
            return this;
        }

        /** Who skips the lobby; the server's default is {@link LobbyBypass#LEADERS}. */
        public Builder lobbyBypass(LobbyBypass lobbyBypass) {
            this.lobbyBypass = lobbyBypass;
            return this;
        }

        /** Who becomes presenter on entering; the server's default is {@link AutomaticLeaderAssignment#DISABLED}. */
        public Builder automaticLeaderAssignment(AutomaticLeaderAssignment automaticLeaderAssignment) {
            this.automaticLeaderAssignment = automaticLeaderAssignment;
            return this;
        }

        /** When the meeting ends by itself; must be in the future and at most 30 days ahead. */
        public Builder expirationTime(Instant expirationTime) {
            this.expirationTime = expirationTime;
            return this;
        }

        /** User names promoted to presenter when they join; at most 500. */
        public Builder leaders(List<String> leaders) {
            this.leaders = leaders;
            return this;
        }

        /** @throws IllegalStateException if no subject was set */
        public AdhocMeetingRequest build() {
            if (subject == null) {
                throw new IllegalStateException("subject == null");
            }
            return new AdhocMeetingRequest(subject, description, accessLevel, lobbyBypass,
                    automaticLeaderAssignment, expirationTime, leaders);
        }
    }
}
