package dev.foyer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Two round trips from token to meeting (docs/protocol.md, "Joining"): the SDK upgrades to the
 * signaling URL it predicts while discovery runs, and sends {@code join} on that socket once
 * discovery has named it. The tap holds discovery's or the upgrade's answer to pin the order.
 */
class ParallelJoinTest extends TappedJoinTest {
    /** How long the token must stay off a socket discovery has not confirmed, in these tests. */
    static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void aTokenJoinUpgradesWhileDiscoveryIsUnansweredAndSendsJoinOnceDiscoveryNamesThatUrl() {
        String token = TappedServer.guestToken(meeting);
        WireTap.Gate discovery = live.tap.hold("/discover");
        RecordingListener rec = new RecordingListener("guest");
        live.join(token, live.tap.url() + "/discover", rec);

        // Discovery is held: the upgrade can only come now if it runs alongside.
        int ws = live.tap.awaitRequest(signalingPath()).connection();
        assertThat(live.tap.awaitAnswer(ws).status()).isEqualTo(101);
        live.tap.assertNone("frame before discovery answered", WireTap.frameOn(ws), QUIET);
        discovery.release();

        rec.awaitState(ConversationState.ESTABLISHED);
        JsonNode join = TappedServer.json(live.tap.frames(ws).get(0));
        assertThat(join.path("type").asText()).isEqualTo("join");
        assertThat(join.path("token").asText()).isEqualTo(token);
        assertThat(live.tap.indexOf(WireTap.answer("/discover"))).isLessThan(live.tap.indexOf(WireTap.frameOn(ws)));
        assertThat(live.tap.requests("/signaling/")).hasSize(1);
    }

    @Test
    void whenDiscoveryAnswersBeforeTheUpgradeJoinGoesOutAsThePredictedSocketOpens() {
        String token = TappedServer.guestToken(meeting);
        WireTap.Gate discovery = live.tap.hold("/discover");
        WireTap.Gate upgrade = live.tap.hold("/signaling/");
        RecordingListener rec = new RecordingListener("guest");
        live.join(token, live.tap.url() + "/discover", rec);

        int ws = live.tap.awaitRequest(signalingPath()).connection();
        discovery.release();
        live.awaitLog("connecting to meeting " + meeting.meetingId()); // the SDK has read discovery's answer
        upgrade.release();

        rec.awaitState(ConversationState.ESTABLISHED);
        JsonNode join = TappedServer.json(live.tap.frames(ws).get(0));
        assertThat(join.path("type").asText()).isEqualTo("join");
        assertThat(join.path("token").asText()).isEqualTo(token);
        assertThat(live.tap.requests("/signaling/")).hasSize(1);
    }

    @Test
    void theMeetingUrlFlowUpgradesWhileDiscoveryIsUnanswered() {
        WireTap.Gate discovery = live.tap.hold("/discover");
        RecordingListener rec = new RecordingListener("guest");
        live.foyer.joinMeetingAnonymously("Grace Guest", meeting.meeting().get("joinUrl").asText(), rec);

        int ws = live.tap.awaitRequest(signalingPath()).connection();
        assertThat(live.tap.requests("/meet/")).hasSize(2); // the meeting URL, then its anonymous token
        discovery.release();

        rec.awaitState(ConversationState.ESTABLISHED);
        assertThat(TappedServer.json(live.tap.frames(ws).get(0)).path("type").asText()).isEqualTo("join");
        assertThat(live.tap.requests("/signaling/")).hasSize(1);
    }

    @Test
    void aFreshClientOpensTwoConnectionsInParallelAndLaterJoinsOneMore() throws Exception {
        AtomicInteger connects = new AtomicInteger();
        OkHttpClient http = new OkHttpClient.Builder().socketFactory(counting(connects)).build();
        FoyerClient fresh = new FoyerClient.Builder().okHttpClient(http).build();
        try {
            for (int join = 1; join <= 2; join++) {
                WireTap.Gate discovery = live.tap.hold("/discover");
                RecordingListener rec = new RecordingListener("guest " + join);
                live.join(fresh, TappedServer.guestToken(meeting), live.tap.url() + "/discover", rec);
                live.tap.await("upgrade " + join, WireTap.request("/signaling/"), join);
                discovery.release();
                rec.awaitState(ConversationState.ESTABLISHED);
                // Discovery and the upgrade each need a connection at once; discovery's goes back to
                // the pool after its answer, and the next join's discovery or upgrade takes it.
                assertThat(connects.get()).as("connections after join %d", join).isEqualTo(join + 1);
            }
        } finally {
            fresh.close();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** A socket factory that counts the sockets it makes (each is one TCP connect). */
    static SocketFactory counting(AtomicInteger connects) {
        return new SocketFactory() {
            private final SocketFactory plain = SocketFactory.getDefault();

            @Override
            public Socket createSocket() throws IOException {
                connects.incrementAndGet();
                return plain.createSocket();
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                connects.incrementAndGet();
                return plain.createSocket(host, port);
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                connects.incrementAndGet();
                return plain.createSocket(host, port, local, localPort);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                connects.incrementAndGet();
                return plain.createSocket(host, port);
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
                connects.incrementAndGet();
                return plain.createSocket(host, port, local, localPort);
            }
        };
    }
}
