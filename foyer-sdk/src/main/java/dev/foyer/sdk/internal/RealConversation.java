package dev.foyer.sdk.internal;

import dev.foyer.protocol.Protocol;
import dev.foyer.sdk.Chat;
import dev.foyer.sdk.ChatMessage;
import dev.foyer.sdk.Conversation;
import dev.foyer.sdk.ConversationListener;
import dev.foyer.sdk.ConversationState;
import dev.foyer.sdk.EndReason;
import dev.foyer.sdk.IceServer;
import dev.foyer.sdk.Lobby;
import dev.foyer.sdk.LobbyWait;
import dev.foyer.sdk.Media;
import dev.foyer.sdk.MediaEngine;
import dev.foyer.sdk.MeetingInfo;
import dev.foyer.sdk.Moderation;
import dev.foyer.sdk.Participant;
import dev.foyer.sdk.Role;
import dev.foyer.sdk.SignalKind;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The {@link Conversation} handed to apps: getters read the published {@link View}; actions are
 * checked here and queued to the {@link Session} on the conversation's thread.
 */
public final class RealConversation implements Conversation {
    private final Session session;
    private final String displayName;
    private volatile View view = View.INITIAL;
    private final Chat chat = new RealChat();
    private final Lobby lobby = new RealLobby();
    private final Moderation moderation = new RealModeration();
    private final Media media = new RealMedia();

    public RealConversation(ClientContext ctx, JoinRequest request, ConversationListener listener) {
        this.displayName = request.displayName;
        this.session = new Session(this, ctx, request, Objects.requireNonNull(listener, "listener == null"));
    }

    /** Starts joining in the background. */
    public void start() {
        session.submit(session::start);
    }

    void publish(View v) {
        view = v;
    }

    @Override
    public ConversationState state() {
        return view.state;
    }

    @Override
    public EndReason endReason() {
        return view.endReason;
    }

    @Override
    public MeetingInfo meeting() {
        return view.meeting;
    }

    @Override
    public Participant self() {
        return view.self;
    }

    @Override
    public List<Participant> participants() {
        return view.participants;
    }

    @Override
    public Participant participant(String participantId) {
        for (Participant p : view.participants) {
            if (p.id().equals(participantId)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public LobbyWait lobbyWait() {
        return view.lobbyWait;
    }

    @Override
    public Chat chat() {
        return chat;
    }

    @Override
    public Lobby lobby() {
        return lobby;
    }

    @Override
    public Moderation moderation() {
        return moderation;
    }

    @Override
    public Media media() {
        return media;
    }

    @Override
    public boolean canLeave() {
        return view.canLeave;
    }

    @Override
    public void leave() {
        session.submit(session::leave);
    }

    @Override
    public void networkChanged() {
        session.submit(session::networkChanged);
    }

    @Override
    public String toString() {
        MeetingInfo m = view.meeting;
        return "Conversation{" + view.state + (m == null ? "" : ", " + m.onlineMeetingId()) + "}";
    }

    private static String id(Participant p) {
        return Objects.requireNonNull(p, "participant == null").id();
    }

    private final class RealChat implements Chat {
        @Override
        public boolean canSend() {
            return view.canSend;
        }

        @Override
        public ChatMessage send(String text) {
            Objects.requireNonNull(text, "text == null");
            if (text.trim().isEmpty() || text.length() > Protocol.MAX_CHAT_CHARS) {
                throw new IllegalArgumentException("text must be 1 to " + Protocol.MAX_CHAT_CHARS + " characters, not blank");
            }
            Participant me = view.self;
            ChatMessage pending = ChatMessage.builder(text)
                    .clientMessageId(UUID.randomUUID().toString())
                    .senderId(me == null ? null : me.id())
                    .senderName(me == null ? displayName : me.displayName())
                    .sentAt(Instant.now())
                    .outgoing(true)
                    .state(ChatMessage.State.PENDING)
                    .build();
            session.submit(() -> session.send(pending));
            return pending;
        }

        @Override
        public void sendTyping() {
            session.submit(session::typing);
        }

        @Override
        public List<ChatMessage> history() {
            return view.history;
        }
    }

    private final class RealLobby implements Lobby {
        @Override
        public boolean canManage() {
            return view.canManage;
        }

        @Override
        public List<Participant> waiting() {
            return view.lobby;
        }

        @Override
        public void admit(Participant participant) {
            Json.Frame f = new Json.Frame("lobby.admit").put("participantId", id(participant));
            session.submit(() -> session.request(f, true));
        }

        @Override
        public void admitAll() {
            session.submit(() -> session.request(new Json.Frame("lobby.admitAll"), true));
        }

        @Override
        public void deny(Participant participant, String reason) {
            Json.Frame f = new Json.Frame("lobby.deny").put("participantId", id(participant)).put("reason", reason);
            session.submit(() -> session.request(f, true));
        }
    }

    private final class RealModeration implements Moderation {
        @Override
        public boolean canModerate() {
            return view.canManage;
        }

        @Override
        public void setRole(Participant participant, Role role) {
            Objects.requireNonNull(role, "role == null");
            if (role != Role.PRESENTER && role != Role.ATTENDEE) {
                throw new IllegalArgumentException("role must be PRESENTER or ATTENDEE");
            }
            Json.Frame f = new Json.Frame("participant.setRole").put("participantId", id(participant))
                    .put("role", role.wireName());
            session.submit(() -> session.request(f, true));
        }

        @Override
        public void remove(Participant participant, String reason) {
            Json.Frame f = new Json.Frame("participant.remove").put("participantId", id(participant)).put("reason", reason);
            session.submit(() -> session.request(f, true));
        }

        @Override
        public void requestMute(Participant participant) {
            Json.Frame f = new Json.Frame("participant.requestMute").put("participantId", id(participant));
            session.submit(() -> session.request(f, true));
        }

        @Override
        public void endMeeting(String reason) {
            Json.Frame f = new Json.Frame("meeting.end").put("reason", reason);
            session.submit(() -> session.request(f, true));
        }
    }

    private final class RealMedia implements Media {
        @Override
        public void setEngine(MediaEngine engine) {
            session.setEngine(engine);
        }

        @Override
        public List<IceServer> iceServers() {
            return view.iceServers;
        }

        @Override
        public void sendSignal(String participantId, SignalKind kind, String dataJson) {
            Objects.requireNonNull(participantId, "participantId == null");
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(dataJson, "dataJson == null");
            try {
                Json.parseObject(dataJson);
            } catch (IOException e) {
                throw new IllegalArgumentException("dataJson must be a JSON object", e);
            }
            Json.Frame f = new Json.Frame("signal").put("to", participantId).put("kind", kind.wireName())
                    .putRaw("data", dataJson);
            session.submit(() -> session.request(f, false));
        }

        @Override
        public void updateLocalMedia(Boolean audioMuted, Boolean videoMuted, Boolean screenSharing) {
            if (audioMuted == null && videoMuted == null && screenSharing == null) {
                return;
            }
            Json.Frame f = new Json.Frame("media.update").put("audioMuted", audioMuted).put("videoMuted", videoMuted)
                    .put("screenSharing", screenSharing);
            session.submit(() -> session.request(f, false));
        }
    }
}
