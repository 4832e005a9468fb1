package dev.foyer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A join the server could not admit at the time ({@code unavailable}: too busy, or its database
 * out of reach; the token stays unused) is tried again on a new connection with the same token,
 * a few times; any other refusal ends the conversation at once.
 */
class BusyServerJoinTest extends TappedJoinTest {
    private static final String TOO_BUSY = "the server is too busy to admit a join; try again";

    @Test
    void aJoinTheServerCouldNotAdmitIsTriedAgainWithTheSameTokenAndGetsIn() {
        String token = TappedServer.guestToken(meeting);
        live.tap.refuseJoins(2, "unavailable", TOO_BUSY);
        RecordingListener rec = new RecordingListener("guest");

        live.join(token, live.tap.url() + "/discover", rec);

        rec.awaitState(ConversationState.ESTABLISHED);
        assertThat(rec.values("state")).containsExactly(ConversationState.ESTABLISHED);
        assertThat(live.tap.requests("/signaling/")).as("connections").hasSize(3)
                .allSatisfy(upgrade -> assertThat(TappedServer.json(live.tap.frames(upgrade.connection()).get(0))
                        .path("token").asText()).isEqualTo(token));
    }

    @Test
    void aJoinRefusedAsUnavailableAgainAndAgainEndsWithTheServersWordAfterThreeRetries() {
        live.tap.refuseJoins(10, "unavailable", TOO_BUSY);
        RecordingListener rec = new RecordingListener("guest");

        live.join(TappedServer.guestToken(meeting), live.tap.url() + "/discover", rec);

        EndReason end = rec.awaitEnded();
        assertThat(end.error().kind()).isEqualTo(FoyerException.Kind.SERVER);
        assertThat(end.error().serverCode()).isEqualTo("unavailable");
        assertThat(end.error().getMessage()).contains("too busy");
        assertThat(live.tap.requests("/signaling/")).as("the join and three retries").hasSize(4);
    }

    @Test
    void aJoinRefusedForAnyOtherReasonIsNotTriedAgain() {
        live.tap.refuseJoins(1, "invalid_token", "the token was already used; get a new one");
        RecordingListener rec = new RecordingListener("guest");

        live.join(TappedServer.guestToken(meeting), live.tap.url() + "/discover", rec);

        EndReason end = rec.awaitEnded();
        assertThat(end.error().kind()).isEqualTo(FoyerException.Kind.TOKEN_INVALID);
        assertThat(live.tap.requests("/signaling/")).hasSize(1);
    }
}
