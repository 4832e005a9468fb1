package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.bench.load.RoundTrips.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoundTripsTest {

    // ---- round trips in sequence ---------------------------------------------------------

    @Test
    void exchangesThatOverlapCountOnce() {
        assertThat(RoundTrips.inSequence(List.of(new Exchange(0, 10), new Exchange(2, 12)))).isEqualTo(1);
        assertThat(RoundTrips.inSequence(List.of(new Exchange(0, 100), new Exchange(10, 20)))).isEqualTo(1);
        // One starting the instant the other ends did not wait for it.
        assertThat(RoundTrips.inSequence(List.of(new Exchange(0, 10), new Exchange(10, 20)))).isEqualTo(1);
    }

    @Test
    void aChainCountsEachExchange() {
        assertThat(RoundTrips.inSequence(List.of(new Exchange(21, 30), new Exchange(0, 10), new Exchange(11, 20))))
                .isEqualTo(3);
        assertThat(RoundTrips.inSequence(List.of())).isZero();
    }

    @Test
    void discoveryBesideTheUpgradeThenJoinIsTwoAndOneAfterTheOtherThree() {
        Exchange discovery = new Exchange(0, 10);
        assertThat(RoundTrips.inSequence(List.of(discovery, new Exchange(1, 8), new Exchange(12, 20)))).isEqualTo(2);
        assertThat(RoundTrips.inSequence(List.of(discovery, new Exchange(11, 15), new Exchange(16, 20)))).isEqualTo(3);
    }

    @Test
    void theLongestChainIsFoundWhateverTheOrderAndNesting() {
        // A long exchange spanning three short ones in a row: the chain goes through the short ones.
        assertThat(RoundTrips.inSequence(List.of(new Exchange(0, 100), new Exchange(5, 6), new Exchange(1, 2),
                new Exchange(3, 4), new Exchange(101, 110)))).isEqualTo(4);
    }

    // ---- counting on real sockets --------------------------------------------------------

    ServerSocket echo;
    final RoundTrips roundTrips = new RoundTrips();

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread pump = new Thread(() -> echo(s), "echo");
                    pump.setDaemon(true);
                    pump.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "echo-accept");
        t.setDaemon(true);
        t.start();
    }

    private static void echo(Socket s) {
        byte[] buf = new byte[1024];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException gone) {
            // the client left
        }
    }

    @AfterEach
    void stop() throws IOException {
        echo.close();
    }

    private Socket connect() throws IOException {
        return roundTrips.createSocket(InetAddress.getLoopbackAddress(), echo.getLocalPort());
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes());
        s.getOutputStream().flush();
    }

    private static void receive(Socket s, int bytes) throws IOException {
        assertThat(s.getInputStream().readNBytes(bytes)).hasSize(bytes);
    }

    @Test
    void aWriteAndTheFirstReadAfterItAreOneExchangeAndFurtherReadsNone() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET ");
            send(s, "/discover");
            receive(s, 1);
            receive(s, 12); // the rest of the same answer: no write in between
            assertThat(roundTrips.exchanges()).isEqualTo(1);
            send(s, "join");
            receive(s, 4);
            assertThat(roundTrips.exchanges()).isEqualTo(2);
            assertThat(roundTrips.connects()).isEqualTo(1);
        }
    }

    @Test
    void anExchangeRunsFromItsFirstWrite() throws IOException {
        try (Socket slow = connect(); Socket quick = connect()) {
            roundTrips.startRecording(0);
            send(slow, "GET /discover ");
            send(quick, "ping");
            receive(quick, 4);
            send(slow, "HTTP/1.1"); // the rest of the same request: the client was waiting all along
            receive(slow, 22);
            List<Exchange> recorded = roundTrips.stopRecording();
            assertThat(recorded).hasSize(2);
            assertThat(RoundTrips.inSequence(recorded)).isEqualTo(1);
        }
    }

    @Test
    void aSimulatedRoundTripTimeHoldsEachAnswerBackSoThatExchangesStartedTogetherOverlap() throws IOException {
        try (Socket discovery = connect(); Socket upgrade = connect()) {
            roundTrips.startRecording(200);
            long start = System.nanoTime();
            send(discovery, "GET /discover");
            send(upgrade, "GET /signaling");
            receive(discovery, 13);
            receive(upgrade, 14);
            long bothMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            send(upgrade, "join");
            receive(upgrade, 4);
            List<Exchange> recorded = roundTrips.stopRecording();

            assertThat(recorded).hasSize(3).allSatisfy(e -> assertThat(e.endNanos() - e.startNanos())
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200)));
            assertThat(bothMillis).isGreaterThanOrEqualTo(200);
            assertThat(RoundTrips.inSequence(recorded)).isEqualTo(2);
        }
        try (Socket s = connect()) {
            long start = System.nanoTime();
            send(s, "after");
            receive(s, 5);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("no delay once recording stopped")
                    .isLessThan(200);
        }
    }

    @Test
    void withASimulatedRoundTripTimeAnExchangeStartedAfterAnAnswerFollowsIt() throws IOException {
        try (Socket discovery = connect(); Socket upgrade = connect()) {
            roundTrips.startRecording(20);
            send(discovery, "GET /discover");
            receive(discovery, 13);
            send(upgrade, "GET /signaling");
            receive(upgrade, 14);

            assertThat(RoundTrips.inSequence(roundTrips.stopRecording())).isEqualTo(2);
        }
    }

    @Test
    void exchangesOnTwoSocketsAtOnceAreTwoExchangesButOneRoundTripInSequence() throws IOException {
        try (Socket discovery = connect(); Socket upgrade = connect()) {
            send(discovery, "before"); // started before recording: counted, not recorded
            receive(discovery, 6);
            roundTrips.startRecording(0);
            send(discovery, "GET /discover");
            send(upgrade, "GET /signaling");
            receive(discovery, 13);
            receive(upgrade, 14);
            send(upgrade, "join");
            receive(upgrade, 4);
            List<Exchange> recorded = roundTrips.stopRecording();

            assertThat(recorded).hasSize(3);
            assertThat(RoundTrips.inSequence(recorded)).isEqualTo(2);
            assertThat(roundTrips.exchanges()).isEqualTo(4);
            assertThat(roundTrips.connects()).isEqualTo(2);
            assertThat(roundTrips.stopRecording()).isEmpty();
        }
    }
}
