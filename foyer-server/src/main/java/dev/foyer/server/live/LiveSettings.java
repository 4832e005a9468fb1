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
        double chatBurst) {

    public static final LiveSettings DEFAULT = new LiveSettings(Duration.ofMinutes(15), Duration.ofSeconds(30), 2000,
            50, 1024, 30, 60, 5, 10);

    public LiveSettings withLobbyTimeout(Duration timeout) {
        return new LiveSettings(timeout, resumeGrace, maxParticipants, recentChat, replayEvents, messagesPerSecond,
                messageBurst, chatPerSecond, chatBurst);
    }

    public LiveSettings withResumeGrace(Duration grace) {
        return new LiveSettings(lobbyTimeout, grace, maxParticipants, recentChat, replayEvents, messagesPerSecond,
                messageBurst, chatPerSecond, chatBurst);
    }

    public LiveSettings withMaxParticipants(int max) {
        return new LiveSettings(lobbyTimeout, resumeGrace, max, recentChat, replayEvents, messagesPerSecond,
                messageBurst, chatPerSecond, chatBurst);
    }
}
