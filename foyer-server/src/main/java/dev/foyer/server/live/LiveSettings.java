package dev.foyer.server.live;

import java.time.Duration;

/**
 * The limits and timings of live meetings.
 *
 * @param lobbyTimeout how long a guest may wait before being denied
 * @param resumeGrace how long a dropped participant stays in the roster awaiting its resume
 * @param maxParticipants participants in one meeting, lobby included
 * @param recentChat chat lines kept for late joiners and sent on entry
 * @param replayEvents events kept per meeting for resuming participants
 * @param meshLimit most admitted participants for which WebRTC signaling is relayed: media is a
 *     full mesh of peer connections, so beyond this {@code signal} is refused ({@code mesh_limit_reached})
 */
public record LiveSettings(
        Duration lobbyTimeout,
        Duration resumeGrace,
        int maxParticipants,
        int recentChat,
        int replayEvents,
        double messagesPerSecond,
        double messageBurst,
        double chatPerSecond,
        double chatBurst,
        int meshLimit) {

    /** Default mesh limit: eight participants means seven uplinks per browser, about what one home line carries. */
    public static final int DEFAULT_MESH_LIMIT = 8;

    public static final LiveSettings DEFAULT = new LiveSettings(Duration.ofMinutes(15), Duration.ofSeconds(30), 2000,
            50, 1024, 30, 60, 5, 10, DEFAULT_MESH_LIMIT);

    public LiveSettings withLobbyTimeout(Duration timeout) {
        return new LiveSettings(timeout, resumeGrace, maxParticipants, recentChat, replayEvents, messagesPerSecond,
                messageBurst, chatPerSecond, chatBurst, meshLimit);
    }

    public LiveSettings withResumeGrace(Duration grace) {
        return new LiveSettings(lobbyTimeout, grace, maxParticipants, recentChat, replayEvents, messagesPerSecond,
                messageBurst, chatPerSecond, chatBurst, meshLimit);
    }

    public LiveSettings withMaxParticipants(int max) {
        return new LiveSettings(lobbyTimeout, resumeGrace, max, recentChat, replayEvents, messagesPerSecond,
                messageBurst, chatPerSecond, chatBurst, meshLimit);
    }

    public LiveSettings withMeshLimit(int limit) {
        return new LiveSettings(lobbyTimeout, resumeGrace, maxParticipants, recentChat, replayEvents, messagesPerSecond,
                messageBurst, chatPerSecond, chatBurst, limit);
    }
}
