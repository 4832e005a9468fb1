package dev.foyer.server.transport.ws;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.foyer.server.discovery.IceServer;
import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.live.ParticipantView;
import dev.foyer.server.meeting.MeetingPolicy;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The wire shapes shared by several server messages. As in the HTTP API, a null value is
 * omitted rather than written as {@code null}; instants are ISO-8601 strings.
 */
final class Shapes {
    private Shapes() {}

    static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, IsoInstant.format(value)); // as Instant.toString(): ISO-8601 (ISO_INSTANT)
        }
    }

    /** {@code iceServers: [{urls, username?, credential?}]}, as WebRTC's RTCConfiguration takes them. */
    static void iceServers(JsonGenerator g, List<IceServer> servers) throws IOException {
        g.writeArrayFieldStart("iceServers");
        for (IceServer s : servers) {
            g.writeStartObject();
            g.writeArrayFieldStart("urls");
            for (String url : s.urls()) {
                g.writeString(url);
            }
            g.writeEndArray();
            string(g, "username", s.username());
            string(g, "credential", s.credential());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * {@code {participantId, displayName, role, guest, audioMuted, videoMuted, screenSharing,
     * joinedAt, waitingSince?}}, as this thread wrote it before for the same view if it did
     * ({@link EncodedParticipants}).
     */
    static void participant(JsonGenerator g, ParticipantView p) throws IOException {
        g.writeRawValue(EncodedParticipants.of(p));
    }

    /** {@link #participant(JsonGenerator, ParticipantView)}, field by field. */
    static void writeParticipant(JsonGenerator g, ParticipantView p) throws IOException {
        g.writeStartObject();
        string(g, "participantId", p.participantId());
        string(g, "displayName", p.displayName());
        string(g, "role", p.role() == null ? null : p.role().wireName());
        g.writeBooleanField("guest", p.guest());
        g.writeBooleanField("audioMuted", p.audioMuted());
        g.writeBooleanField("videoMuted", p.videoMuted());
        g.writeBooleanField("screenSharing", p.screenSharing());
        instant(g, "joinedAt", p.joinedAt());
        instant(g, "waitingSince", p.waitingSince());
        g.writeEndObject();
    }

    static void participant(JsonGenerator g, String name, ParticipantView p) throws IOException {
        if (p != null) {
            g.writeFieldName(name);
            participant(g, p);
        }
    }

    /** A list of participants; null is written as an empty list. */
    static void participants(JsonGenerator g, String name, List<ParticipantView> list) throws IOException {
        g.writeArrayFieldStart(name);
        if (list != null) {
            for (ParticipantView p : list) {
                participant(g, p);
            }
        }
        g.writeEndArray();
    }

    /** The fields of a chat line after its {@code seq}: {@code messageId, clientMessageId, from, fromName, text, sentAt}. */
    static void chatLine(JsonGenerator g, ChatRecord line) throws IOException {
        g.writeStringField("messageId", line.messageId());
        g.writeStringField("clientMessageId", line.clientMessageId());
        g.writeStringField("from", line.senderId());
        g.writeStringField("fromName", line.senderName());
        g.writeStringField("text", line.text());
        instant(g, "sentAt", line.sentAt());
    }

    /** {@code {accessLevel, lobbyBypass, automaticLeaderAssignment}}, with the enums' own names ("Everyone"). */
    static void policy(JsonGenerator g, MeetingPolicy policy) throws IOException {
        g.writeObjectFieldStart("policy");
        g.writeStringField("accessLevel", policy.accessLevel().name());
        g.writeStringField("lobbyBypass", policy.lobbyBypass().name());
        g.writeStringField("automaticLeaderAssignment", policy.automaticLeaderAssignment().name());
        g.writeEndObject();
    }
}
