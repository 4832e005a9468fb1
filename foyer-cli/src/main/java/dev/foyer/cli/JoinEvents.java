package dev.foyer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.sdk.ChatMessage;
import dev.foyer.sdk.Conversation;
import dev.foyer.sdk.ConversationState;
import dev.foyer.sdk.EndReason;
import dev.foyer.sdk.FoyerException;
import dev.foyer.sdk.LobbyWait;
import dev.foyer.sdk.Participant;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code foyer join} prints events: one JSON object per line ({@code {"event": ..., ...}}),
 * or a readable line. Thread-safe: a line is printed whole.
 */
final class JoinEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;
    private final boolean json;

    JoinEvents(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void state(Conversation c, ConversationState previous, ConversationState state) {
        if (state == ConversationState.ENDED && !json) {
            return; // the "[ended] why" line says it
        }
        Map<String, Object> e = event("state");
        e.put("state", lower(state));
        e.put("previous", lower(previous));
        if (c.self() != null) {
            e.put("participantId", c.self().id());
        }
        if (c.meeting() != null) {
            e.put("meetingId", c.meeting().onlineMeetingId());
            e.put("subject", c.meeting().subject());
        }
        print(e, "[" + lower(state) + "]" + (state == ConversationState.ESTABLISHED && c.meeting() != null
                ? " in \"" + c.meeting().subject() + "\" as " + c.self().displayName() : ""));
    }

    void lobbyWaiting(LobbyWait wait) {
        Map<String, Object> e = event("lobby.waiting");
        e.put("message", wait.message());
        e.put("since", str(wait.since()));
        e.put("timeoutAt", str(wait.timeoutAt()));
        print(e, "[lobby] " + wait.message() + (wait.timeoutAt() == null ? "" : " (until " + wait.timeoutAt() + ")"));
    }

    void participant(String type, Participant p, String why) {
        Map<String, Object> e = event(type);
        e.put("participant", participant(p));
        if (why != null) {
            e.put(type.startsWith("lobby") ? "outcome" : "reason", why);
        }
        String verb;
        switch (type) {
            case "participant.joined": verb = "joined"; break;
            case "participant.updated": verb = "changed"; break;
            case "participant.left": verb = "left (" + why + ")"; break;
            case "lobby.entered": verb = "is waiting in the lobby"; break;
            default: verb = "stopped waiting (" + why + ")"; break;
        }
        print(e, "* " + p.displayName() + " (" + p.role().wireName() + ") " + verb);
    }

    void chat(ChatMessage m) {
        Map<String, Object> e = event("chat");
        e.put("from", m.senderId());
        e.put("fromName", m.senderName());
        e.put("text", m.text());
        e.put("outgoing", m.isOutgoing());
        e.put("state", lower(m.state()));
        e.put("clientMessageId", m.clientMessageId());
        if (m.messageId() != null) {
            e.put("messageId", m.messageId());
            e.put("seq", m.seq());
        }
        print(e, m.senderName() + ": " + m.text() + (m.state() == ChatMessage.State.PENDING ? " …" : ""));
    }

    void chatState(ChatMessage m) {
        Map<String, Object> e = event("chat.state");
        e.put("clientMessageId", m.clientMessageId());
        e.put("state", lower(m.state()));
        e.put("text", m.text());
        if (m.messageId() != null) {
            e.put("messageId", m.messageId());
            e.put("seq", m.seq());
        }
        if (m.error() != null) {
            e.put("error", errorFields(m.error()));
        }
        print(e, "  (" + lower(m.state()) + ": " + m.text() + (m.error() == null ? "" : " — " + m.error().getMessage()) + ")");
    }

    void reconnecting(int attempt, long delayMillis) {
        Map<String, Object> e = event("reconnecting");
        e.put("attempt", attempt);
        e.put("delayMillis", delayMillis);
        print(e, "[reconnecting] attempt " + attempt + " in " + delayMillis + " ms");
    }

    void error(FoyerException error) {
        Map<String, Object> e = event("error");
        e.putAll(errorFields(error));
        print(e, "! " + error.getMessage());
    }

    void ended(EndReason reason) {
        Map<String, Object> e = event("ended");
        e.put("reason", lower(reason.kind()));
        e.put("message", reason.message());
        if (reason.error() != null) {
            e.put("error", errorFields(reason.error()));
        }
        print(e, "[ended] " + lower(reason.kind()) + ": " + reason.message());
    }

    void notice(String message) {
        Map<String, Object> e = event("notice");
        e.put("message", message);
        print(e, "! " + message);
    }

    private static Map<String, Object> event(String type) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", type);
        return e;
    }

    private static Map<String, Object> participant(Participant p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("participantId", p.id());
        m.put("displayName", p.displayName());
        m.put("role", p.role().wireName());
        m.put("guest", p.isGuest());
        return m;
    }

    private static Map<String, Object> errorFields(FoyerException error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", lower(error.kind()));
        if (error.serverCode() != null) {
            m.put("code", error.serverCode());
        }
        m.put("message", error.getMessage());
        return m;
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private void print(Map<String, Object> event, String text) {
        String line;
        if (json) {
            try {
                line = JSON.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            line = text;
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
