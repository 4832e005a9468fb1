package dev.foyer.server.live;

import dev.foyer.protocol.CloseCodes;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.secret.Secrets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One meeting while people are in it: roster, lobby, chat and the meeting's event sequence. Pure
 * domain logic with no I/O and no threads: a single writer (the meeting's runtime) calls it, and
 * it answers with {@link Effect}s. Time is passed in, so timeouts are stepped in tests.
 */
public final class LiveMeeting {
    /** The admitter named when the application's back-end, not a presenter, admits a guest. */
    public static final String APPLICATION = "application";

    private final Meeting meeting;
    private final LiveSettings settings;
    private final Supplier<String> ids;
    private final MediaAccess media;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    /** The same participants by token subject: a rejoin finds its participant without a scan. */
    private final Map<String, Participant> bySubject = new HashMap<>();
    private final EventLog log;
    private final ChatRoom chat;
    private final List<Effect> effects = new ArrayList<>();
    private long seq;
    private boolean ended;

    /**
     * @param lastSeq the highest seq the meeting has used before (from storage), so numbers only grow
     * @param recentChat committed chat lines, oldest first, for late joiners
     * @param ids source of random identifiers (participant, message, resume token)
     */
    public LiveMeeting(Meeting meeting, LiveSettings settings, long lastSeq, List<ChatRecord> recentChat,
            Supplier<String> ids) {
        this(meeting, settings, lastSeq, recentChat, ids, MediaAccess.NONE);
    }

    /** @param media the ICE servers (with per-participant TURN credentials) each {@code joined} carries */
    public LiveMeeting(Meeting meeting, LiveSettings settings, long lastSeq, List<ChatRecord> recentChat,
            Supplier<String> ids, MediaAccess media) {
        this.media = media;
        this.meeting = meeting;
        this.settings = settings;
        this.seq = lastSeq;
        this.ids = ids;
        this.log = new EventLog(settings.replayEvents());
        this.chat = new ChatRoom(settings.recentChat(), recentChat);
    }

    public Meeting meeting() {
        return meeting;
    }

    public boolean isEnded() {
        return ended;
    }

    public long seq() {
        return seq;
    }

    /** Participants in the meeting (admitted), and waiting in the lobby. */
    public LiveCounts counts() {
        int admitted = 0;
        for (Participant p : participants.values()) {
            if (p.isAdmitted()) {
                admitted++;
            }
        }
        return new LiveCounts(admitted, participants.size() - admitted);
    }

    public record LiveCounts(int participants, int waitingInLobby) {}

    public Optional<Participant> participant(String id) {
        return Optional.ofNullable(participants.get(id));
    }

    /** How many effects were produced since the last {@link #drainEffects()}: a position in what it will return. */
    public int pendingEffects() {
        return effects.size();
    }

    /** Takes the effects produced since the last call. */
    public List<Effect> drainEffects() {
        List<Effect> out = List.copyOf(effects);
        effects.clear();
        return out;
    }

    // ---- entry and exit -------------------------------------------------------------------

    /**
     * Lets an authenticated entrant in (or into the lobby). A participant with the same subject
     * is taken over: same id, role and admission; the runtime closes the old connection.
     *
     * @return the participant, or empty when the meeting refuses (full, ended): the error is emitted
     */
    public Optional<Participant> enter(Entrant entrant, String requestId, Instant now) {
        if (ended) {
            return Optional.empty();
        }
        Participant existing = bySubject.get(entrant.subject());
        if (existing != null) {
            existing.jti(entrant.jti());
            existing.tokenExpiresAt(entrant.tokenExpiresAt());
            existing.disconnectedAt(null);
            if (!existing.displayName().equals(entrant.displayName())) {
                existing.displayName(entrant.displayName());
                if (existing.isAdmitted()) {
                    emit(new Outbound.ParticipantUpdated(++seq, existing.view()), Audience.ADMITTED);
                }
            }
            welcome(existing, requestId, now);
            if (!existing.isAdmitted()) {
                direct(existing, new Outbound.LobbyWaiting(existing.waitingSince(), existing.lobbyTimeoutAt(),
                        existing.lobbyReason()));
            }
            return Optional.of(existing);
        }
        if (participants.size() >= settings.maxParticipants()) {
            return Optional.empty();
        }
        Participant p = new Participant("p_" + ids.get(), entrant.subject(), entrant.decision().guest(),
                entrant.jti(), entrant.displayName(), entrant.decision().role(), now, settings);
        p.tokenExpiresAt(entrant.tokenExpiresAt());
        participants.put(p.id(), p);
        bySubject.put(p.subject(), p);
        if (entrant.decision().waitsInLobby()) {
            p.waitInLobby(now, now.plus(settings.lobbyTimeout()), entrant.decision().lobbyReason());
            emit(new Outbound.LobbyEntered(++seq, p.view()), Audience.PRESENTERS);
        } else {
            p.admit(++seq);
            emit(new Outbound.ParticipantJoined(seq, p.view()), Audience.ADMITTED);
        }
        effects.add(new Effect.Entered(new ParticipationRecord(meeting.id(), p.id(), p.subject(), p.displayName(),
                p.role().wireName(), now, p.isAdmitted() ? now : null, null, null, null), seq));
        welcome(p, requestId, now);
        if (!p.isAdmitted()) {
            direct(p, new Outbound.LobbyWaiting(p.waitingSince(), p.lobbyTimeoutAt(), p.lobbyReason()));
        }
        return Optional.of(p);
    }

    /**
     * Resumes a participant whose connection dropped: the same participant, and the events it
     * missed after {@code lastSeq} (or a fresh snapshot when they are no longer held).
     */
    public Optional<Participant> resume(String resumeToken, long lastSeq, String requestId, Instant now) {
        Participant p = byResumeToken(resumeToken).orElse(null);
        if (p == null) {
            return Optional.empty();
        }
        p.disconnectedAt(null);
        String token = newResumeToken(p);
        direct(p, new Outbound.Joined(requestId, dev.foyer.protocol.Protocol.VERSION, p.id(), token, !p.isAdmitted(),
                p.view(), summary(), seq, media.iceServers(p.id(), p.tokenExpiresAt(), now)));
        if (!p.isAdmitted()) {
            direct(p, new Outbound.LobbyWaiting(p.waitingSince(), p.lobbyTimeoutAt(), p.lobbyReason()));
            return Optional.of(p);
        }
        List<Outbound.Sequenced> missed = log.since(lastSeq, p, seq);
        if (missed == null || lastSeq > seq || p.admittedAtSeq() > lastSeq) {
            // Admitted while away (or the gap is no longer held): the snapshot is the whole truth.
            direct(p, snapshot(p));
        } else {
            for (Outbound.Sequenced event : missed) {
                direct(p, event);
            }
        }
        return Optional.of(p);
    }

    /** The participant holding this resume credential, if it is still in the meeting. */
    public Optional<Participant> byResumeToken(String resumeToken) {
        if (ended || resumeToken == null) {
            return Optional.empty();
        }
        String hash = Secrets.hash(resumeToken);
        for (Participant candidate : participants.values()) {
            if (hash.equals(candidate.resumeTokenHash())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The connection dropped without {@code leave}: the participant stays for the grace period. */
    public void disconnected(String participantId, Instant now) {
        Participant p = participants.get(participantId);
        if (p != null && p.disconnectedAt() == null) {
            p.disconnectedAt(now);
        }
    }

    /** Expires lobby waits, dropped participants past their grace, and the meeting itself. */
    public void tick(Instant now) {
        if (ended) {
            return;
        }
        if (!now.isBefore(meeting.expirationTime())) {
            end("expired", now);
            return;
        }
        for (Participant p : List.copyOf(participants.values())) {
            if (p.disconnectedAt() != null && !now.isBefore(p.disconnectedAt().plus(settings.resumeGrace()))) {
                depart(p, "timeout", CloseCodes.NORMAL, now);
            } else if (!p.isAdmitted() && p.lobbyTimeoutAt() != null && !now.isBefore(p.lobbyTimeoutAt())) {
                deny(p, "lobby_timeout", "timeout", now);
            }
        }
    }

    /** Ends the meeting for everyone: told {@code reason}, then disconnected. */
    public void end(String reason, Instant now) {
        if (ended) {
            return;
        }
        ended = true;
        emit(new Outbound.Ended(++seq, reason), Audience.EVERYONE);
        for (Participant p : participants.values()) {
            effects.add(new Effect.Close(p.id(), CloseCodes.MEETING_ENDED, "meeting ended: " + reason));
            effects.add(new Effect.Left(p.id(), now, "ended", seq));
        }
        participants.clear();
        bySubject.clear();
        effects.add(new Effect.MeetingEnded(reason, seq));
    }

    // ---- commands from participants --------------------------------------------------------

    /** Applies a command from a joined participant's connection. */
    public void handle(String participantId, Command command, Instant now) {
        Participant p = participants.get(participantId);
        if (p == null || ended) {
            return;
        }
        if (!p.messages().tryTake(now)) {
            error(p, command.requestId(), ErrorCode.RATE_LIMITED, "slow down: too many messages");
            return;
        }
        if (command instanceof Command.Ping ping) {
            direct(p, new Outbound.Pong(ping.requestId()));
        } else if (command instanceof Command.Leave) {
            depart(p, "left", CloseCodes.NORMAL, now);
        } else if (command instanceof Command.Join || command instanceof Command.Resume) {
            error(p, command.requestId(), ErrorCode.ALREADY_JOINED, "this connection has already joined");
        } else if (!p.isAdmitted()) {
            error(p, command.requestId(), ErrorCode.IN_LOBBY, "you are waiting in the lobby");
        } else if (command instanceof Command.SendChat c) {
            sendChat(p, c, now);
        } else if (command instanceof Command.Typing) {
            deliver(new Outbound.Typing(p.id()), Audience.allBut(p.id()), 0);
        } else if (command instanceof Command.UpdateMedia m) {
            if (p.media(m.audioMuted(), m.videoMuted(), m.screenSharing())) {
                emit(new Outbound.ParticipantUpdated(++seq, p.view()), Audience.ADMITTED);
            }
        } else if (command instanceof Command.Signal s) {
            if (counts().participants() > settings.meshLimit()) {
                error(p, s.requestId(), ErrorCode.MESH_LIMIT_REACHED, "media is peer to peer for at most "
                        + settings.meshLimit() + " participants; this meeting has more (chat still works)");
                return;
            }
            Participant to = admitted(p, s.requestId(), s.to());
            if (to != null) {
                direct(to, new Outbound.Signal(p.id(), s.kind(), s.dataJson()));
            }
        } else {
            moderate(p, command, now);
        }
    }

    private void moderate(Participant by, Command command, Instant now) {
        if (!by.role().isPresenter()) {
            error(by, command.requestId(), ErrorCode.FORBIDDEN, "only presenters may do that");
            return;
        }
        if (command instanceof Command.Admit a) {
            Participant waiting = waiting(by, a.requestId(), a.participantId());
            if (waiting != null) {
                admit(waiting, by.id(), now);
            }
        } else if (command instanceof Command.AdmitAll) {
            for (Participant waiting : List.copyOf(participants.values())) {
                if (!waiting.isAdmitted()) {
                    admit(waiting, by.id(), now);
                }
            }
        } else if (command instanceof Command.Deny d) {
            Participant waiting = waiting(by, d.requestId(), d.participantId());
            if (waiting != null) {
                deny(waiting, d.reason() == null ? "denied" : d.reason(), "denied", now);
            }
        } else if (command instanceof Command.SetRole r) {
            Participant target = admitted(by, r.requestId(), r.participantId());
            if (target != null) {
                setRole(by, target, r);
            }
        } else if (command instanceof Command.Remove r) {
            Participant target = participants.get(r.participantId());
            if (target == null) {
                error(by, r.requestId(), ErrorCode.UNKNOWN_PARTICIPANT, "no such participant");
            } else if (target.role() == Role.ORGANIZER) {
                error(by, r.requestId(), ErrorCode.FORBIDDEN, "the organizer cannot be removed");
            } else {
                effects.add(new Effect.RevokeToken(target.jti()));
                depart(target, "removed", CloseCodes.REMOVED, now);
            }
        } else if (command instanceof Command.RequestMute m) {
            Participant target = admitted(by, m.requestId(), m.participantId());
            if (target != null) {
                emit(new Outbound.MuteRequested(++seq, by.id()), Audience.one(target.id()));
            }
        } else if (command instanceof Command.EndMeeting e) {
            end(e.reason() == null ? "ended by a presenter" : e.reason(), now);
        }
    }

    private void sendChat(Participant p, Command.SendChat c, Instant now) {
        Optional<ChatRecord> earlier = chat.find(p.id(), c.clientMessageId());
        if (earlier.isPresent()) {
            direct(p, new Outbound.ChatAck(c.requestId(), c.clientMessageId(), earlier.get().messageId(),
                    earlier.get().seq()));
            return;
        }
        String text = ChatRoom.validText(c.text());
        if (text == null) {
            error(p, c.requestId(), ErrorCode.INVALID_FIELD, "text: 1 to 4000 characters, not blank");
            return;
        }
        if (!p.chat().tryTake(now)) {
            error(p, c.requestId(), ErrorCode.RATE_LIMITED, "slow down: too many chat lines");
            return;
        }
        ChatRecord line = new ChatRecord(meeting.id(), ++seq, "m_" + ids.get(), p.id(), p.displayName(),
                c.clientMessageId(), text, now);
        chat.add(line);
        effects.add(new Effect.Persist(line));
        emit(new Outbound.Chat(line.seq(), line), Audience.ADMITTED);
        direct(p, new Outbound.ChatAck(c.requestId(), c.clientMessageId(), line.messageId(), line.seq()));
    }

    /** The chat lines of a batch could not be committed: forget them, as if never sent. */
    public void chatFailed(Collection<ChatRecord> lines) {
        java.util.Set<Long> seqs = new java.util.HashSet<>();
        for (ChatRecord line : lines) {
            chat.remove(line);
            seqs.add(line.seq());
        }
        log.removeSeqs(seqs);
    }

    private void setRole(Participant by, Participant target, Command.SetRole r) {
        if (target.role() == Role.ORGANIZER) {
            error(by, r.requestId(), ErrorCode.FORBIDDEN, "the organizer's role cannot change");
            return;
        }
        Role newRole = r.role() == Role.PRESENTER ? Role.PRESENTER : target.guest() ? Role.GUEST : Role.ATTENDEE;
        if (newRole == target.role()) {
            return;
        }
        boolean promoted = newRole.isPresenter();
        target.role(newRole);
        emit(new Outbound.ParticipantUpdated(++seq, target.view()), Audience.ADMITTED);
        if (promoted) {
            direct(target, snapshot(target));
        }
    }

    /**
     * The application's back-end admits or denies a guest waiting in the lobby, as a presenter
     * would; {@code reason} (deny only) may be null.
     */
    public LobbyDecision decideForApplication(String participantId, boolean admit, String reason, Instant now) {
        Participant p = ended ? null : participants.get(participantId);
        if (p == null) {
            return LobbyDecision.UNKNOWN_PARTICIPANT;
        }
        if (p.isAdmitted()) {
            return LobbyDecision.NOT_WAITING;
        }
        if (admit) {
            admit(p, APPLICATION, now);
        } else {
            deny(p, reason == null ? "denied" : reason, "denied", now);
        }
        return LobbyDecision.DONE;
    }

    /** The outcome of {@link #decideForApplication}. */
    public enum LobbyDecision { DONE, UNKNOWN_PARTICIPANT, NOT_WAITING }

    /** Everyone in the meeting or its lobby, in order of entry. */
    public List<Participant> participants() {
        return List.copyOf(participants.values());
    }

    private void admit(Participant waiting, String by, Instant now) {
        java.time.Duration waited = java.time.Duration.between(waiting.waitingSince(), now);
        emit(new Outbound.LobbyLeft(++seq, waiting.id(), "admitted"), Audience.PRESENTERS);
        emit(new Outbound.Admitted(++seq, by), Audience.one(waiting.id()));
        waiting.admit(++seq);
        emit(new Outbound.ParticipantJoined(seq, waiting.view()), Audience.allBut(waiting.id()));
        direct(waiting, snapshot(waiting));
        effects.add(new Effect.WasAdmitted(waiting.id(), by, now, seq, waited));
    }

    private void deny(Participant waiting, String reason, String outcome, Instant now) {
        forget(waiting);
        emit(new Outbound.Denied(++seq, reason), Audience.one(waiting.id()));
        emit(new Outbound.LobbyLeft(++seq, waiting.id(), outcome), Audience.PRESENTERS);
        effects.add(new Effect.WasDenied(waiting.id(), reason, now, seq));
        effects.add(new Effect.Close(waiting.id(), CloseCodes.DENIED, reason));
        effects.add(new Effect.Left(waiting.id(), now, outcome, seq));
        effects.add(new Effect.Forget(waiting.id()));
    }

    /** Removes a participant for good and tells those who could see it. */
    private void depart(Participant p, String reason, int closeCode, Instant now) {
        forget(p);
        if (p.isAdmitted()) {
            emit(new Outbound.ParticipantLeft(++seq, p.id(), reason), Audience.ADMITTED);
        } else {
            emit(new Outbound.LobbyLeft(++seq, p.id(), reason), Audience.PRESENTERS);
        }
        effects.add(new Effect.Close(p.id(), closeCode, reason));
        effects.add(new Effect.Left(p.id(), now, reason, seq));
        effects.add(new Effect.Forget(p.id()));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void welcome(Participant p, String requestId, Instant now) {
        String token = newResumeToken(p);
        direct(p, new Outbound.Joined(requestId, dev.foyer.protocol.Protocol.VERSION, p.id(), token, !p.isAdmitted(),
                p.view(), summary(), seq, media.iceServers(p.id(), p.tokenExpiresAt(), now)));
        if (p.isAdmitted()) {
            direct(p, snapshot(p));
        }
    }

    private String newResumeToken(Participant p) {
        String token = "rt_" + ids.get() + ids.get();
        p.resumeTokenHash(Secrets.hash(token));
        return token;
    }

    private Outbound.Snapshot snapshot(Participant p) {
        List<ParticipantView> roster = new ArrayList<>();
        List<ParticipantView> lobby = p.role().isPresenter() ? new ArrayList<>() : null;
        for (Participant other : participants.values()) {
            if (other.isAdmitted()) {
                roster.add(other.view());
            } else if (lobby != null) {
                lobby.add(other.view());
            }
        }
        return new Outbound.Snapshot(seq, roster, lobby, chat.recent());
    }

    private Outbound.MeetingSummary summary() {
        return new Outbound.MeetingSummary(meeting.id().value(), meeting.subject(), meeting.policy());
    }

    private void forget(Participant p) {
        participants.remove(p.id());
        bySubject.remove(p.subject(), p);
    }

    private Participant waiting(Participant by, String requestId, String id) {
        Participant p = id == null ? null : participants.get(id);
        if (p == null || p.isAdmitted()) {
            error(by, requestId, ErrorCode.UNKNOWN_PARTICIPANT, "no such participant in the lobby");
            return null;
        }
        return p;
    }

    private Participant admitted(Participant by, String requestId, String id) {
        Participant p = id == null ? null : participants.get(id);
        if (p == null || !p.isAdmitted()) {
            error(by, requestId, ErrorCode.UNKNOWN_PARTICIPANT, "no such participant in the meeting");
            return null;
        }
        return p;
    }

    private void error(Participant p, String requestId, ErrorCode code, String message) {
        direct(p, new Outbound.Error(requestId, code.wireName(), message));
    }

    /** A sequenced event: logged for resume, delivered to its audience. */
    private void emit(Outbound.Sequenced event, Audience audience) {
        log.add(event, audience);
        deliver(event, audience, event.seq());
    }

    private void direct(Participant p, Outbound message) {
        effects.add(new Effect.Deliver(message, List.of(p.id())));
    }

    private void deliver(Outbound message, Audience audience, long atSeq) {
        List<String> recipients = new ArrayList<>(participants.size() + 1);
        for (Participant p : participants.values()) {
            if (audience.includes(p, atSeq)) {
                recipients.add(p.id());
            }
        }
        if (audience instanceof Audience.One one && !participants.containsKey(one.participantId())) {
            recipients.add(one.participantId());
        }
        if (!recipients.isEmpty()) {
            effects.add(new Effect.Deliver(message, recipients));
        }
    }
}
