package dev.foyer.sdk;

import java.time.Instant;
import java.util.Objects;

/**
 * A person in a meeting (or waiting in its lobby), as last reported by the server. Immutable: a
 * change (a new role, muted audio) arrives as a new instance with the same {@link #id()}, through
 * {@link ConversationListener#onParticipantUpdated}.
 */
public final class Participant {
    private final String id;
    private final String displayName;
    private final Role role;
    private final boolean guest;
    private final boolean audioMuted;
    private final boolean videoMuted;
    private final boolean screenSharing;
    private final Instant joinedAt;
    private final Instant waitingSince;

    private Participant(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id == null");
        this.displayName = b.displayName == null ? "" : b.displayName;
        this.role = b.role == null ? Role.GUEST : b.role;
        this.guest = b.guest;
        this.audioMuted = b.audioMuted;
        this.videoMuted = b.videoMuted;
        this.screenSharing = b.screenSharing;
        this.joinedAt = b.joinedAt;
        this.waitingSince = b.waitingSince;
    }

    /** The server's participant id ({@code p_...}): stable for the whole session, across reconnects. */
    public String id() {
        return id;
    }

    /** The name others see. */
    public String displayName() {
        return displayName;
    }

    /** The participant's role. */
    public Role role() {
        return role;
    }

    /** Whether the participant joined as an anonymous guest. */
    public boolean isGuest() {
        return guest;
    }

    /** Whether the participant's microphone is muted (as its client reports). */
    public boolean isAudioMuted() {
        return audioMuted;
    }

    /** Whether the participant's camera is off (as its client reports). */
    public boolean isVideoMuted() {
        return videoMuted;
    }

    /** Whether the participant is sharing a screen. */
    public boolean isScreenSharing() {
        return screenSharing;
    }

    /** When the participant entered the meeting; null while waiting in the lobby. */
    public Instant joinedAt() {
        return joinedAt;
    }

    /** When the participant started waiting in the lobby; null for participants in the meeting. */
    public Instant waitingSince() {
        return waitingSince;
    }

    /** A builder initialised with this participant's values. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** A builder for a participant with id {@code id}. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Participant)) {
            return false;
        }
        Participant p = (Participant) o;
        return id.equals(p.id) && displayName.equals(p.displayName) && role == p.role && guest == p.guest
                && audioMuted == p.audioMuted && videoMuted == p.videoMuted && screenSharing == p.screenSharing
                && Objects.equals(joinedAt, p.joinedAt) && Objects.equals(waitingSince, p.waitingSince);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, displayName, role, guest, audioMuted, videoMuted, screenSharing, joinedAt, waitingSince);
    }

    @Override
    public String toString() {
        return "Participant{" + id + ", " + displayName + ", " + role.wireName() + "}";
    }

    /** Builds {@link Participant}s. */
    public static final class Builder {
        private String id;
        private String displayName;
        private Role role;
        private boolean guest;
        private boolean audioMuted;
        private boolean videoMuted;
        private boolean screenSharing;
        private Instant joinedAt;
        private Instant waitingSince;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id == null");
        }

        private Builder(Participant p) {
            this.id = p.id;
            this.displayName = p.displayName;
            this.role = p.role;
            this.guest = p.guest;
            this.audioMuted = p.audioMuted;
            this.videoMuted = p.videoMuted;
            this.screenSharing = p.screenSharing;
            this.joinedAt = p.joinedAt;
            this.waitingSince = p.waitingSince;
        }

        /** The displayed name. */
        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        /** The role; null means {@link Role#GUEST}. */
        public Builder role(Role role) {
            this.role = role;
            return this;
        }

        /** Whether an anonymous guest. */
        public Builder guest(boolean guest) {
            this.guest = guest;
            return this;
        }

        /** Whether the microphone is muted. */
        public Builder audioMuted(boolean audioMuted) {
            this.audioMuted = audioMuted;
            return this;
        }

        /** Whether the camera is off. */
        public Builder videoMuted(boolean videoMuted) {
            this.videoMuted = videoMuted;
            return this;
        }

        /** Whether a screen is shared. */
        public Builder screenSharing(boolean screenSharing) {
            this.screenSharing = screenSharing;
            return this;
        }

        /** When the participant entered the meeting. */
        public Builder joinedAt(Instant joinedAt) {
            this.joinedAt = joinedAt;
            return this;
        }

        /** When the participant started waiting in the lobby. */
        public Builder waitingSince(Instant waitingSince) {
            this.waitingSince = waitingSince;
            return this;
        }

        /** The participant. */
        public Participant build() {
            return new Participant(this);
        }
    }
}
