package dev.foyer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When the signaling URL cannot be predicted (a token whose payload the SDK cannot read, a
 * discovery URI not laid out as Foyer's), the SDK joins one step at a time, as it always did:
 * discovery, then the upgrade to the URL it names.
 */
class UnpredictableJoinTest extends TappedJoinTest {
    @Test
    void aTokenWhosePayloadCannotBeDecodedOpensNoSocketAndFailsDiscoveryAsBefore() {
        WireTap.Gate discovery = live.tap.hold("/discover");
        RecordingListener rec = new RecordingListener("guest");
        live.join("eyJhbGciOiJFUzI1NiJ9.not*base64url.c2lnbmF0dXJl", live.tap.url() + "/discover", rec);

        live.tap.awaitRequest("/discover");
        live.tap.assertNone("upgrade without a prediction", WireTap.request("/signaling/"), ParallelJoinTest.QUIET);
        discovery.release();

        EndReason end = rec.awaitEnded();
        assertThat(end.error().kind()).isEqualTo(FoyerException.Kind.TOKEN_INVALID);
        assertThat(rec.values("state")).containsExactly(ConversationState.ENDED);
        assertThat(live.tap.requests("/signaling/")).isEmpty();
    }

    @Test
    void aDiscoveryUriLaidOutOtherwiseJoinsOneStepAtATime() {
        live.tap.serve("/where/is/my/meeting", "/discover"); // say, a reverse proxy's own path
        String token = TappedServer.guestToken(meeting);
        WireTap.Gate discovery = live.tap.hold("/where/");
        RecordingListener rec = new RecordingListener("guest");
        live.join(token, live.tap.url() + "/where/is/my/meeting", rec);

        live.tap.awaitRequest("/where/");
        live.tap.assertNone("upgrade without a prediction", WireTap.request("/signaling/"), ParallelJoinTest.QUIET);
        discovery.release();

        rec.awaitState(ConversationState.ESTABLISHED);
        assertThat(live.tap.indexOf(WireTap.answer("/where/"))).isLessThan(live.tap.indexOf(WireTap.request("/signaling/")));
        assertThat(live.tap.requests("/signaling/")).hasSize(1);
        int ws = live.tap.requests("/signaling/").get(0).connection();
        assertThat(TappedServer.json(live.tap.frames(ws).get(0)).path("token").asText()).isEqualTo(token);
    }
}
