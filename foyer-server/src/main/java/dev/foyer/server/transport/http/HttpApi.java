package dev.foyer.server.transport.http;

import dev.foyer.server.Services;
import dev.foyer.server.ratelimit.RateLimiter;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Assembles the HTTP API: the route table, the error mapping, limits and request metrics. */
public final class HttpApi {
    private HttpApi() {}

    /** Every route the server registers, in one table (the OpenAPI test reads it too). */
    public static List<ApiRoute> routes(Services s, PrometheusMeterRegistry registry) {
        Bodies bodies = new Bodies(Json.newMapper());
        RateLimiter anonymousTokens = new RateLimiter(s.config().anonymousTokensPerMinutePerIp(), 100_000, s.clock());
        List<ApiRoute> all = new ArrayList<>();
        all.addAll(new OAuthRoutes(s.applications(), s.tokenIssuer(), s.signingKeys(),
                s.config().accessTokenTtl()).routes());
        PlatformRoutes platform = new PlatformRoutes(s.tokenVerifier(), s.applications(), s.meetings(),
                s.joinTokens(), s.urls(), bodies, s.clock());
        all.addAll(platform.routes());
        all.addAll(new WebhookRoutes(platform::caller, s.meetings(), s.webhooks(), bodies).routes());
        all.addAll(new UserApiRoutes(s.users(), s.meetings(), s.joinTokens(), s.urls(), bodies, s.clock()).routes());
        all.addAll(new MeetingUrlRoutes(s.meetings(), s.joinTokens(), anonymousTokens, s.urls(), s.clock()).routes());
        all.addAll(new DiscoveryRoutes(s.discovery(), s.urls()).routes());
        all.addAll(new OpsRoutes(s.stores(), registry).routes());
        all.addAll(new WebAssets().routes());
        return List.copyOf(all);
    }

    private static final int MIN_THREADS = 8;
    private static final int RESPONSE_BUFFER_BYTES = 8 * 1024;
    /** Connections the kernel holds until the selector accepts them; Linux caps it at {@code net.core.somaxconn}. */
    static final int ACCEPT_QUEUE = 1024;
    private static final int THREAD_IDLE_MILLIS = 60_000;
    /** {@link ServerConnector}'s acceptor threads: none, the selector accepts. */
    private static final int SELECTOR_ACCEPTS = 0;
    /** {@link ServerConnector}'s selectors: Jetty's default for the cores (-1). */
    private static final int DEFAULT_SELECTORS = -1;

    public static Javalin create(Services s, PrometheusMeterRegistry registry) {
        List<ApiRoute> routes = routes(s, registry);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = s.config().maxBodyBytes();
            config.http.prefer405over404 = true;
            // Javalin copies each response through a buffer of this size, allocated per response
            // (default 32 KiB, and Jetty's output buffer the same): a join's discovery answer and a
            // token's are under 2 KiB, and in a join storm those buffers were a tenth of what the
            // server allocated. Larger responses (the OpenAPI document) go out in 8 KiB chunks.
            config.http.responseBufferSize = RESPONSE_BUFFER_BYTES;
            config.jsonMapper(new JavalinJackson(Json.newMapper(), false));
            // Jetty's connector as Javalin makes it, with a listen backlog: Java's default is 50, and
            // in a burst of joins (two connections each) the kernel dropped what did not fit, which
            // the clients retried after a second (docs/performance.md).
            // No acceptor thread: the selector accepts new connections as it reads the others, where
            // an acceptor blocked in accept() woke the selector for each one (docs/performance.md,
            // item 54: a fifth fewer context switches in a join storm).
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, SELECTOR_ACCEPTS, DEFAULT_SELECTORS,
                        new HttpConnectionFactory(http));
                connector.setHost(s.config().bind());
                connector.setPort(s.config().port());
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });
            QueuedThreadPool threads = new QueuedThreadPool(s.config().httpThreads(), MIN_THREADS, THREAD_IDLE_MILLIS);
            threads.setName("JettyServerThreadPool");
            // No reserved threads: with them, the selecting thread hands selection over to a parked
            // reserved thread and runs the task it found itself, a wake-up per task that a few
            // cores pay for in context switches; without, tasks go to the pool (item 54).
            threads.setReservedThreads(0);
            new JettyServerThreadPoolMetrics(threads, List.of()).bindTo(registry);
            config.jetty.threadPool = threads;
            config.requestLogger.http((ctx, ms) -> Timer.builder("foyer.http.requests")
                    .description("HTTP requests by route template and status")
                    .tag("method", ctx.method().name())
                    .tag("route", routeOf(ctx))
                    .tag("status", String.valueOf(ctx.statusCode()))
                    .publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry)
                    .record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS));
            // Jetty's per-connection header cache (a trie of ~100 KB) stays reachable from every
            // WebSocket, which keeps its upgrade request: it cost more than all else an idle
            // participant holds (docs/performance.md). Parsing headers without it costs little.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            // Foyer keeps no HTTP sessions: should anything ask for one, it lives for the request only
            // (Jetty's default would keep each in memory for good and send a JSESSIONID cookie).
            config.jetty.modifyServletContextHandler(h -> h.setSessionHandler(requestScopedSessions()));
            // The signaling socket is upgraded in front of Javalin, which Javalin then places inside
            // that handler (SignalingEndpoint: Javalin's WebSocket layer cost more than the socket).
            config.jetty.modifyServer(server -> server.setHandler(s.signaling().upgradeHandler(server)));
            HttpErrors.register(config.routes);
            for (ApiRoute r : routes) {
                config.routes.addEndpoint(new Endpoint(r.method(), r.path(), r.handler()));
            }
        });
    }

    private static SessionHandler requestScopedSessions() {
        SessionHandler sessions = new SessionHandler();
        NullSessionCache cache = new NullSessionCache(sessions);
        cache.setSessionDataStore(new NullSessionDataStore());
        sessions.setSessionCache(cache);
        sessions.setUsingCookies(false);
        return sessions;
    }

    private static String routeOf(io.javalin.http.Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
