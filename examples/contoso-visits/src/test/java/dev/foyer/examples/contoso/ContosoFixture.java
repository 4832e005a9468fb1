package dev.foyer.examples.contoso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Contoso Visits app wired to a real Foyer server: a fresh application registered with the
 * app's origin and webhook URL (as {@code foyer demo} does), and the app on a free port.
 */
final class ContosoFixture implements AutoCloseable {
    private static final AtomicInteger APPS = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    final TestServer foyer;
    final NewApplication app;
    final ContosoVisits contoso;

    ContosoFixture(TestServer foyer, int visitsPerWindow) {
        this.foyer = foyer;
        int port = freePort();
        String origin = "http://127.0.0.1:" + port;
        this.app = foyer.server().services().applications()
                .create("contoso-" + APPS.incrementAndGet(), List.of(origin), origin + "/webhooks/foyer");
        this.contoso = ContosoVisits.start(Settings.builder()
                .foyerUrl(URI.create(foyer.server().url()))
                .clientId(app.application().clientId())
                .clientSecret(app.clientSecret())
                .webhookSecret(app.webhookSecret())
                .port(port)
                .visitsPerWindow(visitsPerWindow)
                .build(), Accounts.demo());
    }

    String origin() {
        return contoso.url();
    }

    /** A browser-like client of the app, signed in as {@code username} (password from the demo list). */
    Browser signedIn(String username) {
        Browser b = new Browser(contoso.url());
        String password = Accounts.DEMO_LOGINS.stream().filter(d -> d.username().equals(username))
                .findFirst().orElseThrow().password();
        Browser.Reply r = b.post("/api/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("sign-in failed: " + r);
        }
        return b;
    }

    Browser anonymous() {
        return new Browser(contoso.url());
    }

    /** The Platform API calls Foyer has answered so far, from its metrics (token requests included). */
    long foyerPlatformCalls() {
        String metrics = foyer.api().get("/metrics").body();
        return metrics.lines()
                .filter(l -> l.startsWith("foyer_http_requests_seconds_count{"))
                .filter(l -> l.contains("route=\"/oauth2/token\"") || l.contains("route=\"/platformservice/"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        contoso.close();
    }
}
