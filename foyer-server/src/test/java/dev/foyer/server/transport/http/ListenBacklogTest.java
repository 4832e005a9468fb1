package dev.foyer.server.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernel holds a burst of new connections for the acceptor: with Java's default backlog of
 * 50, a join storm overflowed it and the dropped clients retried a second later. Read from the
 * kernel: for a listening socket, {@code ss} reports the backlog as its Send-Q.
 */
class ListenBacklogTest {
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
}
