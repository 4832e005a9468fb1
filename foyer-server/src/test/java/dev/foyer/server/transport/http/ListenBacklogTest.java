package dev.foyer.server.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.testing.TestServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernel holds a burst of new connections until the selector accepts them: with Java's default
 * backlog of 50, a join storm overflowed it and the dropped clients retried a second later. Read
 * from the kernel: for a listening socket, {@code ss} reports the backlog as its Send-Q. No thread
 * blocks in {@code accept()}: the selector takes new connections as it reads the others.
 */
class ListenBacklogTest {
    private static final int BURST = 300;

    @Test
    void theListeningSocketHoldsABurstOfConnections() throws Exception {
        // Read line by line: Files.readString saw "4" of "4096" here, /proc reporting a size of 0.
        long somaxconn = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
        try (TestServer server = TestServer.h2()) {
            int port = server.server().port();
            Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ss.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // "LISTEN 0 1024 127.0.0.1:port 0.0.0.0:*": state, Recv-Q, Send-Q (the backlog), ...
            String[] fields = out.trim().split("\\s+");
            assertThat(fields[0]).as(out).isEqualTo("LISTEN");
            assertThat(Long.parseLong(fields[2])).as(out).isEqualTo(Math.min(HttpApi.ACCEPT_QUEUE, somaxconn));
        }
    }

    @Test
    void theSelectorAcceptsABurstOfConnectionsWithNoAcceptorThread() throws Exception {
        try (TestServer server = TestServer.h2()) {
            int port = server.server().port();
            List<Socket> sockets = new ArrayList<>();
            try {
                // All connected before any is read: the burst waits in the backlog for the selector.
                for (int i = 0; i < BURST; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    sockets.add(socket);
                }
                for (Socket socket : sockets) {
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertThat(answer).startsWith("HTTP/1.1 200");
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            // Jetty names a pool thread that runs an acceptor "...-acceptor-N@...".
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .noneMatch(name -> name.contains("acceptor"));
        }
    }
}
