package dev.foyer.server.live;

import java.time.Instant;

/**
 * A participant as others see it in the roster and the lobby list.
 *
 * @param waitingSince when the participant started waiting in the lobby, or null once admitted
 */
public record ParticipantView(
        String participantId,
        String displayName,
        Role role,
        boolean guest,
        boolean audioMuted,
        boolean videoMuted,
        boolean screenSharing,
        Instant joinedAt,
        Instant waitingSince) {}
