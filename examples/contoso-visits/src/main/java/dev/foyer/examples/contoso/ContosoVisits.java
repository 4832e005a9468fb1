package dev.foyer.examples.contoso;

import dev.foyer.platform.FoyerApiException;
import dev.foyer.platform.FoyerPlatformClient;
import dev.foyer.platform.FoyerTransportException;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contoso Visits, a sample business app in front of Foyer: its visitors sign in with its own
 * accounts, and only then does its back-end ask Foyer for a meeting and a guest token; its
 * advisors watch the waiting room, fed by Foyer's signed webhooks, and let visitors in.
 *
 * <pre>{@code
 * try (ContosoVisits app = ContosoVisits.start(Settings.builder()
 *         .foyerUrl(URI.create("http://127.0.0.1:8080"))
 *         .clientId(clientId).clientSecret(clientSecret).webhookSecret(webhookSecret)
 *         .build(), Accounts.demo())) {
 *     System.out.println("open " + app.url());
 * }
 * }</pre>
 *
 * Pages: {@code /} for visitors, {@code /advisor.html} for advisors. The application must be
 * registered with this app's origin ({@link #url()}) as allowed origin and {@code
 * <url>/webhooks/foyer} as callback URL.
 */
public final class ContosoVisits implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContosoVisits.class);

    private final Javalin javalin;
    private final String url;

    private ContosoVisits(Javalin javalin, String url) {
        this.javalin = javalin;
        this.url = url;
    }

    /** Starts the app; it answers once this returns. */
    public static ContosoVisits start(Settings s, Accounts accounts) {
        int port = s.port != 0 ? s.port : freePort(s.bind);
        String url = s.publicUrl != null ? stripSlash(s.publicUrl.toString()) : "http://" + s.bind + ":" + port;
        String origin = originOf(url);
        String foyerUrl = stripSlash(s.foyerUrl.toString());

        FoyerPlatformClient foyer = FoyerPlatformClient.builder()
                .baseUrl(foyerUrl).clientId(s.clientId).clientSecret(s.clientSecret).build();
        Sessions sessions = new Sessions(s.clock);
        Http http = new Http(sessions, origin);
        Visits visits = new Visits(foyer, origin, s.clock);
        LobbyBoard board = new LobbyBoard(session -> visits.byApplicationSession(session)
                .map(v -> v.visitor().displayName()).orElse(null));
        VisitorRoutes visitor = new VisitorRoutes(http, accounts, visits,
                new VisitLimiter(s.visitsPerWindow, java.time.Duration.ofMinutes(10), s.clock), foyerUrl);
        AdvisorRoutes advisor = new AdvisorRoutes(http, board, foyer);
        WebhookRoute webhooks = new WebhookRoute(s.webhookSecret, visits, board);
        String csp = contentSecurityPolicy(foyerUrl);

        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = s.bind;
            config.jetty.port = port;
            config.staticFiles.add("/contoso", Location.CLASSPATH);
            config.routes.before(ctx -> {
                ctx.header("Content-Security-Policy", csp);
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
            });
            config.routes.before("/api/*", http::checkCsrf);
            visitor.register(config.routes);
            advisor.register(config.routes);
            webhooks.register(config.routes);
            config.routes.get("/advisor", ctx -> ctx.redirect("/advisor.html"));
            config.routes.exception(ApiError.class, (e, ctx) -> Http.error(ctx, e));
            config.routes.exception(FoyerApiException.class, (e, ctx) -> {
                log.warn("foyer refused status={} code={} path={}", e.status(), e.code(), ctx.path());
                Http.error(ctx, new ApiError(502, "foyer_error", "The meeting service refused: " + e.code()));
            });
            config.routes.exception(FoyerTransportException.class, (e, ctx) -> {
                log.warn("foyer unreachable path={}: {}", ctx.path(), e.getMessage());
                Http.error(ctx, new ApiError(503, "foyer_unavailable", "The meeting service cannot be reached."));
            });
        }).start();
        log.info("contoso-visits started url={} foyer={}", url, foyerUrl);
        return new ContosoVisits(javalin, url);
    }

    /** Runs against the Foyer named by the environment (see {@link Settings#fromEnvironment()}). */
    public static void main(String[] args) {
        ContosoVisits app = start(Settings.fromEnvironment(), Accounts.demo());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "contoso-shutdown"));
        System.out.println("Contoso Visits: " + app.url() + "  (advisors: " + app.url() + "/advisor)");
    }

    /** The app's base URL, e.g. {@code http://127.0.0.1:8081}; its origin is the one tokens allow. */
    public String url() {
        return url;
    }

    /** The webhook callback URL to register for the application. */
    public String webhookUrl() {
        return url + WebhookRoute.PATH;
    }

    /** The origin of {@code url} ({@code scheme://host[:port]}), as browsers send it. */
    public static String originOf(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }

    @Override
    public void close() {
        javalin.stop();
    }

    /** Pages load scripts from here and from Foyer (its browser SDK), and talk to both. */
    private static String contentSecurityPolicy(String foyerUrl) {
        String foyer = originOf(foyerUrl);
        String foyerWs = foyer.replaceFirst("^http", "ws");
        return "default-src 'self'; script-src 'self' " + foyer + "; connect-src 'self' " + foyer + " " + foyerWs
                + "; img-src 'self' data:; media-src 'self' blob: mediastream:; style-src 'self'"
                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static int freePort(String bind) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
