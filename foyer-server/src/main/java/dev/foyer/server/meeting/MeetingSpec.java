package dev.foyer.server.meeting;

import java.time.Instant;
import java.util.List;

/**
 * What a caller asks for when creating or updating a meeting; every field may be null, meaning
 * "the default" on create and "unchanged" on update.
 */
public record MeetingSpec(
        String subject,
        String description,
        AccessLevel accessLevel,
        LobbyBypass lobbyBypass,
        AutomaticLeaderAssignment automaticLeaderAssignment,
        Instant startTime,
        Instant endTime,
        Instant expirationTime,
        List<String> attendees,
        List<String> leaders) {}
