package dev.foyer.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.AutomaticLeaderAssignment;
import dev.foyer.server.meeting.LobbyBypass;
import dev.foyer.server.meeting.MeetingSpec;
import dev.foyer.server.web.Origins;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Request bodies of the HTTP API, parsed strictly by {@link Json}. */
final class Requests {
    private Requests() {}

    /** {@code POST .../adhocMeetings} and the User API's create and update. */
    record MeetingBody(
            String subject,
            String description,
            AccessLevel accessLevel,
            LobbyBypass lobbyBypass,
            AutomaticLeaderAssignment automaticLeaderAssignment,
            Instant startTime,
            Instant endTime,
            Instant expirationTime,
            List<String> attendees,
            List<String> leaders) {
        MeetingSpec toSpec() {
            return new MeetingSpec(subject, description, accessLevel, lobbyBypass, automaticLeaderAssignment,
                    startTime, endTime, expirationTime, attendees, leaders);
        }
    }

    /** {@code POST .../anonApplicationTokens}; {@code allowedOrigins} is an array or the seed's "a;b" string. */
    record AnonTokenBody(String applicationSessionId, JsonNode allowedOrigins, String meetingUrl,
            Integer expiresInMinutes) {
        List<String> origins() {
            if (allowedOrigins == null || allowedOrigins.isNull()) {
                return List.of();
            }
            List<String> raw = new ArrayList<>();
            if (allowedOrigins.isTextual()) {
                raw.addAll(Origins.splitSeedForm(allowedOrigins.textValue()));
            } else if (allowedOrigins.isArray()) {
                for (JsonNode n : allowedOrigins) {
                    if (!n.isTextual()) {
                        throw FoyerException.invalidField("allowedOrigins", "an array of origin strings");
                    }
                    raw.add(n.textValue());
                }
            } else {
                throw FoyerException.invalidField("allowedOrigins", "an array of origins or a ';'-separated string");
            }
            return Origins.parseAll("allowedOrigins", raw);
        }
    }

    /** {@code POST .../adhocMeetings/{id}/userTokens}. */
    record UserTokenBody(String userId, String displayName, String role) {}
}
