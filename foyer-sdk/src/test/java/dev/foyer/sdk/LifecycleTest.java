package dev.foyer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.WsClient;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leaving closes every resource; the default executor and the client's own threads. */
class LifecycleTest {
    LiveServer live;

    @BeforeEach
    void start() {
        live = new LiveServer();
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    static Set<String> sdkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("foyer-conversation-") || n.startsWith("foyer-http-"))
                .collect(Collectors.toSet());
    }

    static void awaitNoSdkThreads() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sdkThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling the thread list: there is no event to wait for
        }
        assertThat(sdkThreads()).isEmpty();
    }

    @Test
    void leaveClosesEverythingAndTheServerSeesACleanLeave() throws Exception {
        MeetingScenario meeting = live.meeting(ConversationTest.OPEN);
        String staff = meeting.staffToken("staff-1", "Ada Advisor", "presenter");
        String peerUrl = live.direct(meeting.signalingUrl(staff));

        FoyerClient foyer = new FoyerClient.Builder().build(); // default: callbacks on the conversation's thread
        RecordingListener rec = new RecordingListener("guest");
        Conversation guest = foyer.joinMeetingAnonymously("Grace Guest", meeting.meeting().get("joinUrl").asText(), rec);
        rec.awaitState(ConversationState.ESTABLISHED);
        rec.assertAllOnThread("foyer-conversation-");

        try (WsClient peer = WsClient.connect(peerUrl)) {
            peer.join(staff, "Ada Advisor");
            peer.awaitType("snapshot");
            guest.leave();
            assertThat(rec.awaitEnded().kind()).isEqualTo(EndReason.Kind.LEFT);
            assertThat(peer.awaitType("participant.left").path("reason").asText()).isEqualTo("left");
        }
        assertThat(guest.state()).isEqualTo(ConversationState.ENDED);
        assertThat(guest.canLeave()).isFalse();
        assertThat(foyer.conversations()).isEmpty();
        guest.leave(); // again: nothing happens

        foyer.close();
        awaitNoSdkThreads();
    }
}
