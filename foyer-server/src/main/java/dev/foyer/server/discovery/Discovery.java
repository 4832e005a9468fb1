package dev.foyer.server.discovery;

import dev.foyer.server.meeting.Meeting;
import java.time.Instant;
import java.util.List;

/** What a join token unlocks: the meeting, where to signal, and which ICE servers to use. */
public record Discovery(Meeting meeting, String signalingUrl, List<IceServer> iceServers, Instant tokenExpiresAt) {
    public Discovery {
        iceServers = List.copyOf(iceServers);
    }
}
