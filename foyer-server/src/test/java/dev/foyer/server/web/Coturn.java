package dev.foyer.server.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn as a child process on 127.0.0.1, in {@code use-auth-secret} mode (the TURN REST
 * credentials Foyer mints), with loopback peers allowed so that two local browsers can relay.
 */
final class Coturn implements AutoCloseable {
    static final Path EXECUTABLE = Path.of("/usr/bin/turnserver");

    private final Process process;
    private final int port;
    private final List<String> log = new CopyOnWriteArrayList<>();

    private Coturn(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Coturn start(String secret) {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: apt-get install coturn (.ci/run does)");
        }
        try {
            Path dir = Files.createTempDirectory("coturn");
            int port = freePort();
            int relayLow = freePort();
            Process p = new ProcessBuilder(EXECUTABLE.toString(), "-n",
                    "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                    "--min-port=" + Math.min(relayLow, 65000), "--max-port=" + Math.min(relayLow + 200, 65200),
                    "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=foyer.test",
                    "--no-tls", "--no-dtls", "--allow-loopback-peers", "--no-cli", "--no-software-attribute",
                    "--log-file=stdout", "--simple-log",
                    "--userdb=" + dir.resolve("turndb"), "--pidfile=" + dir.resolve("turnserver.pid"))
                    .redirectErrorStream(true).start();
            Coturn turn = new Coturn(p, port);
            turn.awaitReady();
            return turn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code turn:127.0.0.1:<port>?transport=udp} */
    String url() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    String log() {
        return String.join("\n", log);
    }

    private void awaitReady() {
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.add(line);
                    if (line.contains("Total General servers")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "coturn-log");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.await(30, TimeUnit.SECONDS) || !process.isAlive()) {
                close();
                throw new IllegalStateException("coturn did not start:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port free for both UDP and TCP on 127.0.0.1 (coturn listens on both). */
    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException e) {
                    // taken for UDP: try another
                }
            }
        }
        throw new IOException("no free port");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
