package dev.foyer.sdk.internal;

import dev.foyer.sdk.ChatMessage;
import dev.foyer.sdk.IceServer;
import dev.foyer.sdk.Participant;
import dev.foyer.sdk.Role;
import java.util.ArrayList;
import java.util.List;

/** Reads the protocol's shared shapes (docs/protocol.md) into SDK values. */
final class Wire {
    private Wire() {}

    /** {@code {participantId, displayName, role, guest, audioMuted, videoMuted, screenSharing, joinedAt, waitingSince?}}; null without an id. */
    static Participant participant(JsonObject o) {
        if (o == null || o.string("participantId") == null) {
            return null;
        }
        return Participant.builder(o.string("participantId"))
                .displayName(o.string("displayName"))
                .role(Role.fromWire(o.string("role")))
                .guest(o.bool("guest", false))
                .audioMuted(o.bool("audioMuted", false))
                .videoMuted(o.bool("videoMuted", false))
                .screenSharing(o.bool("screenSharing", false))
                .joinedAt(o.instant("joinedAt"))
                .waitingSince(o.instant("waitingSince"))
                .build();
    }

    static List<Participant> participants(List<JsonObject> list) {
        List<Participant> out = new ArrayList<>();
        for (JsonObject o : list) {
            Participant p = participant(o);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** A committed line: {@code {seq, messageId, clientMessageId, from, fromName, text, sentAt}}; null without text. */
    static ChatMessage chatLine(JsonObject o, String selfId) {
        String text = o.string("text");
        if (text == null) {
            return null;
        }
        String from = o.string("from");
        return ChatMessage.builder(text)
                .seq(o.number("seq", 0))
                .messageId(o.string("messageId"))
                .clientMessageId(o.string("clientMessageId"))
                .senderId(from)
                .senderName(o.string("fromName"))
                .sentAt(o.instant("sentAt"))
                .outgoing(from != null && from.equals(selfId))
                .state(ChatMessage.State.SENT)
                .build();
    }

    static List<IceServer> iceServers(List<JsonObject> list) {
        List<IceServer> out = new ArrayList<>();
        for (JsonObject o : list) {
            List<String> urls = o.strings("urls");
            if (!urls.isEmpty()) {
                out.add(new IceServer(urls, o.string("username"), o.string("credential")));
            }
        }
        return out;
    }
}
