package dev.foyer.server.live;

import java.time.Instant;

/** A participant of a live meeting. Mutable; only touched by its meeting's single writer. */
public final class Participant {
    private final String id;
    private final String subject;
    private final boolean guest;
    private String jti;
    private String displayName;
    private Role role;
    private boolean admitted;
    private long admittedAtSeq;
    private final Instant joinedAt;
    private Instant waitingSince;
    private Instant lobbyTimeoutAt;
    private Outbound.LobbyReason lobbyReason;
    private boolean audioMuted = true;
    private boolean videoMuted = true;
    private boolean screenSharing;
    private String resumeTokenHash;
    private Instant disconnectedAt;
    /** When the join token that let this participant in (or took it over) expires; TURN credentials follow it. */
    private Instant tokenExpiresAt;
    private final RateBucket messages;
    private final RateBucket chat;
    /** {@link #view()} until a field it shows changes: every snapshot shows everyone present. */
    private ParticipantView view;

    Participant(String id, String subject, boolean guest, String jti, String displayName, Role role, Instant joinedAt,
            LiveSettings settings) {
        this.id = id;
        this.subject = subject;
        this.guest = guest;
        this.jti = jti;
        this.displayName = displayName;
        this.role = role;
        this.joinedAt = joinedAt;
        this.messages = new RateBucket(settings.messagesPerSecond(), settings.messageBurst(), joinedAt);
        this.chat = new RateBucket(settings.chatPerSecond(), settings.chatBurst(), joinedAt);
    }

    public String id() { return id; }
    public String subject() { return subject; }
    public boolean guest() { return guest; }
    public String jti() { return jti; }
    public String displayName() { return displayName; }
    public Role role() { return role; }
    public boolean isAdmitted() { return admitted; }
    /** The seq of the event that let this participant in; it receives only later events. */
    public long admittedAtSeq() { return admittedAtSeq; }
    public Instant waitingSince() { return waitingSince; }
    Instant lobbyTimeoutAt() { return lobbyTimeoutAt; }
    Outbound.LobbyReason lobbyReason() { return lobbyReason; }
    String resumeTokenHash() { return resumeTokenHash; }
    Instant disconnectedAt() { return disconnectedAt; }
    Instant tokenExpiresAt() { return tokenExpiresAt; }
    RateBucket messages() { return messages; }
    RateBucket chat() { return chat; }

    void waitInLobby(Instant since, Instant timeoutAt, Outbound.LobbyReason reason) {
        view = null;
        admitted = false;
        waitingSince = since;
        lobbyTimeoutAt = timeoutAt;
        lobbyReason = reason;
    }

    void admit(long atSeq) {
        view = null;
        admitted = true;
        admittedAtSeq = atSeq;
        waitingSince = null;
        lobbyTimeoutAt = null;
    }

    void role(Role newRole) { role = newRole; view = null; }
    void displayName(String name) { displayName = name; view = null; }
    void jti(String newJti) { jti = newJti; }
    void resumeTokenHash(String hash) { resumeTokenHash = hash; }
    void disconnectedAt(Instant at) { disconnectedAt = at; }
    void tokenExpiresAt(Instant at) { tokenExpiresAt = at; }

    /** Applies the non-null parts; returns whether anything changed. */
    boolean media(Boolean audio, Boolean video, Boolean screen) {
        boolean changed = false;
        if (audio != null && audio != audioMuted) { audioMuted = audio; changed = true; }
        if (video != null && video != videoMuted) { videoMuted = video; changed = true; }
        if (screen != null && screen != screenSharing) { screenSharing = screen; changed = true; }
        if (changed) {
            view = null;
        }
        return changed;
    }

    /** As others see this participant now; the same instance until something it shows changes. */
    public ParticipantView view() {
        if (view == null) {
            view = new ParticipantView(id, displayName, role, guest, audioMuted, videoMuted, screenSharing, joinedAt,
                    waitingSince);
        }
        return view;
    }
}
