package dev.foyer.sdk;

import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * A real Foyer server whose public URL is a {@link TcpProxy} in front of it: every URL the server
 * hands out (join URLs, discovery, signaling) goes through the proxy, so a test can cut the
 * network under the SDK.
 */
final class LiveServer implements AutoCloseable {
    final TcpProxy proxy;
    final TestServer server;

    LiveServer() {
        try {
            this.proxy = new TcpProxy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = TestServer.h2(b -> b.publicUrl(URI.create(publicUrl())));
        proxy.start(server.server().port());
    }

    String publicUrl() {
        return "http://127.0.0.1:" + proxy.port();
    }

    String discoverUri() {
        return publicUrl() + "/discover";
    }

    /** The server's own address, bypassing the proxy (for a peer the test keeps connected). */
    String direct(String url) {
        return url.replace(":" + proxy.port() + "/", ":" + server.server().port() + "/");
    }

    MeetingScenario meeting(String body) {
        return new MeetingScenario(server, body);
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            proxy.close();
        }
    }
}
