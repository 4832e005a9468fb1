package dev.foyer.sdk;

import dev.foyer.server.testing.MeetingScenario;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link TappedServer} and an open meeting for each test of how the SDK joins. */
abstract class TappedJoinTest {
    TappedServer live;
    MeetingScenario meeting;

    @BeforeEach
    void start() throws IOException {
        live = new TappedServer();
        meeting = live.meeting();
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    /** The path of the meeting's signaling URL, as the tap sees the upgrade request. */
    String signalingPath() {
        return "/signaling/v1/meetings/" + meeting.meetingId();
    }
}
