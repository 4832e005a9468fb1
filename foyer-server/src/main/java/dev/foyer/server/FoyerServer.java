package dev.foyer.server;

import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.retention.Retention;
import dev.foyer.server.store.jdbc.JdbcStores;
import dev.foyer.server.token.SigningKeysReloader;
import dev.foyer.server.transport.http.HttpApi;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Foyer server: storage, services and the HTTP API. Start with {@link #start}. */
public final class FoyerServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FoyerServer.class);

    /** How soon a key rotated or retired by another process (the admin CLI) takes effect here. */
    public static final Duration SIGNING_KEYS_RELOAD_INTERVAL = Duration.ofSeconds(30);

    private final Services services;
    private final Javalin http;
    private final JvmGcMetrics gcMetrics;
    private final SigningKeysReloader keysReloader;
    private final Retention retention;

    private FoyerServer(Services services, Javalin http, JvmGcMetrics gcMetrics, SigningKeysReloader keysReloader,
            Retention retention) {
        this.services = services;
        this.http = http;
        this.gcMetrics = gcMetrics;
        this.keysReloader = keysReloader;
        this.retention = retention;
    }

    /** Opens storage, wires the services and starts listening. Port 0 picks a free port. */
    public static FoyerServer start(FoyerConfig requested) {
        return start(requested, Clock.systemUTC());
    }

    public static FoyerServer start(FoyerConfig requested, Clock clock) {
        // Storage first: the embedded database's AUTO_SERVER listens on a port of its own choosing,
        // which could be the one a probe for a free port had just given back.
        JdbcStores stores = JdbcStores.open(requested);
        try {
            FoyerConfig config = resolvePort(requested);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            stores.bindMetrics(registry);
            Services services = Services.wire(config, stores, clock, registry);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(registry);
            Javalin http = HttpApi.create(services, registry).start();
            services.webhookDispatcher().start();
            SigningKeysReloader keysReloader =
                    SigningKeysReloader.start(services.signingKeys(), SIGNING_KEYS_RELOAD_INTERVAL);
            Retention retention = new Retention(stores, clock, config.webhookRetention(), config.tokenRetention())
                    .start();
            log.info("foyer started url={} storage=\"{}\" jvm=\"{}\"", services.urls().base(), stores.describe(),
                    jvm());
            return new FoyerServer(services, http, gc, keysReloader, retention);
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    public Services services() {
        return services;
    }

    public int port() {
        return http.port();
    }

    /** The public base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return services.urls().base();
    }

    @Override
    public void close() {
        keysReloader.close();
        retention.close();
        services.live().close();
        services.webhookDispatcher().close();
        http.stop();
        services.signaling().close();
        gcMetrics.close();
        services.stores().close();
        log.info("foyer stopped url={}", services.urls().base());
    }

    /**
     * Chooses a concrete port (so URLs can be built before listening) and the public URL. A port
     * found free here is bound moments later, once the services are wired; nothing of Foyer's own
     * may listen in between.
     */
    private static FoyerConfig resolvePort(FoyerConfig config) {
        int port = config.port();
        if (port == 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName(config.bind()), 0));
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on " + config.bind(), e);
            }
        }
        URI publicUrl = config.publicUrl();
        if (publicUrl == null) {
            String host = config.bind().equals("0.0.0.0") || config.bind().equals("::") ? "localhost" : config.bind();
            publicUrl = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
        }
        return config.toBuilder().port(port).publicUrl(publicUrl).build();
    }

    /**
     * The Java version and the garbage collector, for the start line: the server is meant to run
     * with ZGC (docs/configuration.md, "The JVM"), and {@code java -jar} without it runs G1.
     */
    static String jvm() {
        StringJoiner collectors = new StringJoiner(", ");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc.getName());
        }
        return "Java " + Runtime.version() + ", " + collectors;
    }
}
