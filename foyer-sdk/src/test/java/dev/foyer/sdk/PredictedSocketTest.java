package dev.foyer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What becomes of the socket the SDK opens to the predicted signaling URL when it is not the one
 * to join on: discovery names another URL, refuses the token, or the socket breaks. The token
 * never goes on it, and the join ends as it would have without the prediction.
 */
class PredictedSocketTest extends TappedJoinTest {
    /**
     * How soon an unused predicted socket must be closed: well before the server's own 10 s limit
     * for {@code join}, so that it is the SDK closing it.
     */
    static final Duration CLOSED_WITHIN = Duration.ofSeconds(5);

    /** Closed by the SDK with 1000 and nothing else sent on it: no {@code join}, no token. */
    private static void assertClosedUnused(WireTap tap, int connection) {
        tap.awaitEnded(connection, CLOSED_WITHIN);
        List<WireTap.Frame> frames = tap.frames(connection);
        assertThat(frames).as("frames the client sent").hasSize(1);
        assertThat(frames.get(0).isClose()).as("%s", frames.get(0)).isTrue();
        assertThat(frames.get(0).closeCode()).isEqualTo(1000);
    }

    /** The one signaling connection discovery named carries the join with {@code token}. */
    private void assertJoinedThroughTheNamedUrl(String token) {
        List<WireTap.Event> upgrades = live.tap.requests("/signaling/");
        assertThat(upgrades).hasSize(1);
        JsonNode join = TappedServer.json(live.tap.frames(upgrades.get(0).connection()).get(0));
        assertThat(join.path("type").asText()).isEqualTo("join");
        assertThat(join.path("token").asText()).isEqualTo(token);
    }

    @Test
    void noTokenGoesOnAnOpenPredictedSocketThatDiscoveryDidNotName() {
        // Discovery at the front tap predicts the front's signaling URL; the server names its own.
        String token = TappedServer.guestToken(meeting);
        WireTap.Gate discovery = live.front.hold("/discover");
        RecordingListener rec = new RecordingListener("guest");
        live.join(token, live.front.url() + "/discover", rec);

        int predicted = live.front.awaitRequest(signalingPath()).connection();
        assertThat(live.front.awaitAnswer(predicted).status()).isEqualTo(101);
        live.front.assertNone("frame before discovery answered", WireTap.frameOn(predicted), ParallelJoinTest.QUIET);
        discovery.release();

        rec.awaitState(ConversationState.ESTABLISHED);
        assertClosedUnused(live.front, predicted);
        assertJoinedThroughTheNamedUrl(token);
        assertThat(rec.values("state")).containsExactly(ConversationState.ESTABLISHED);
    }

    @Test
    void aPredictedSocketStillUpgradingWhenDiscoveryNamesAnotherUrlIsClosedUnused() {
        String token = TappedServer.guestToken(meeting);
        WireTap.Gate upgrade = live.front.hold("/signaling/");
        RecordingListener rec = new RecordingListener("guest");
        live.join(token, live.front.url() + "/discover", rec);

        int predicted = live.front.awaitRequest(signalingPath()).connection();
        rec.awaitState(ConversationState.ESTABLISHED); // through the named URL, without waiting for this one
        upgrade.release();

        assertClosedUnused(live.front, predicted);
        assertJoinedThroughTheNamedUrl(token);
    }

    @Test
    void aForgedTokenFailsAsBeforeAndThePredictedSocketIsClosedUnused() {
        String token = TappedServer.guestToken(meeting);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + "A".repeat(parts[2].length()); // a readable mid, a bad signature
        assertFailsLikeBeforeAndClosesThePredictedSocket(forged, FoyerException.Kind.TOKEN_INVALID);
    }

    @Test
    void aRevokedTokenFailsAsBeforeAndThePredictedSocketIsClosedUnused() {
        String token = TappedServer.guestToken(meeting);
        live.server.api().delete(meeting.meetingPath(), "Authorization", "Bearer " + meeting.accessToken()); // revokes its tokens
        assertFailsLikeBeforeAndClosesThePredictedSocket(token, FoyerException.Kind.TOKEN_INVALID);
    }

    private void assertFailsLikeBeforeAndClosesThePredictedSocket(String token, FoyerException.Kind kind) {
        WireTap.Gate discovery = live.tap.hold("/discover");
        RecordingListener rec = new RecordingListener("guest");
        Conversation c = live.join(token, live.tap.url() + "/discover", rec);
        int predicted = live.tap.awaitRequest(signalingPath()).connection();
        assertThat(live.tap.awaitAnswer(predicted).status()).isEqualTo(101);
        discovery.release();

        EndReason end = rec.awaitEnded();
        assertThat(end.kind()).isEqualTo(EndReason.Kind.FAILED);
        assertThat(end.error().kind()).isEqualTo(kind);
        assertThat(c.endReason()).isSameAs(end);
        assertThat(rec.values("state")).containsExactly(ConversationState.ENDED);
        assertClosedUnused(live.tap, predicted);
    }

    @Test
    void aPredictedSocketCutBeforeDiscoveryAnswersFallsBackToTheNamedUrlSilently() {
        String token = TappedServer.guestToken(meeting);
        WireTap.Gate discovery = live.tap.hold("/discover");
        live.tap.cutNextAnswer("/signaling/");
        RecordingListener rec = new RecordingListener("guest");
        live.join(token, live.tap.url() + "/discover", rec);

        int cut = live.tap.awaitRequest(signalingPath()).connection();
        live.tap.awaitEnded(cut, WireTap.TIMEOUT);
        discovery.release();

        assertFellBackSilently(rec, cut, token);
    }

    @Test
    void aPredictedSocketCutAfterDiscoveryAnswersFallsBackToTheNamedUrlSilently() {
        String token = TappedServer.guestToken(meeting);
        WireTap.Gate discovery = live.tap.hold("/discover");
        WireTap.Gate upgrade = live.tap.hold("/signaling/");
        live.tap.cutNextAnswer("/signaling/");
        RecordingListener rec = new RecordingListener("guest");
        live.join(token, live.tap.url() + "/discover", rec);

        int cut = live.tap.awaitRequest(signalingPath()).connection(); // the predicted upgrade
        discovery.release();
        live.awaitLog("connecting to meeting " + meeting.meetingId()); // the SDK has read discovery's answer
        upgrade.release();

        assertFellBackSilently(rec, cut, token);
    }

    private void assertFellBackSilently(RecordingListener rec, int cut, String token) {
        rec.awaitState(ConversationState.ESTABLISHED);
        assertThat(live.tap.frames(cut)).isEmpty();
        int named = live.tap.await("the second upgrade", WireTap.request(signalingPath()), 2).connection();
        JsonNode join = TappedServer.json(live.tap.frames(named).get(0));
        assertThat(join.path("type").asText()).isEqualTo("join");
        assertThat(join.path("token").asText()).isEqualTo(token);
        assertThat(rec.values("state")).containsExactly(ConversationState.ESTABLISHED);
        assertThat(rec.values("reconnecting")).isEmpty();
    }
}
