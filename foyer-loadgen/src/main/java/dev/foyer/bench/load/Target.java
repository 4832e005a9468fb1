package dev.foyer.bench.load;

import dev.foyer.platform.FoyerPlatformClient;
import dev.foyer.server.FoyerServer;
import dev.foyer.server.app.ApplicationService;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.store.Stores;
import dev.foyer.server.store.jdbc.JdbcStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server a workload talks to, the Platform API client of the bench's application on it, and
 * the means to measure it. {@link #open} starts one (in-process or as a child JVM) or connects to
 * an external one; {@link #close} stops what it started and deletes its data.
 */
final class Target implements AutoCloseable {
    private final String url;
    private final FoyerPlatformClient platform;
    private final ServerProbe probe;
    private final LiveRows rows;
    private final Map<String, Object> description;
    private final AutoCloseable stop;
    /** Processes of a separate database server whose CPU is measured too; null: none. */
    private final String databaseProcess;
    private final StepHook stepHook;

    private Target(String url, FoyerPlatformClient platform, ServerProbe probe, LiveRows rows,
            Map<String, Object> description, String databaseProcess, String stepHook, AutoCloseable stop) {
        this.url = url;
        this.platform = platform;
        this.probe = probe;
        this.rows = rows;
        this.description = description;
        this.databaseProcess = databaseProcess;
        this.stepHook = stepHook == null ? StepHook.NONE : new StepHook(stepHook, probe.pid());
        this.stop = stop;
    }

    static Target open(TargetOptions o) {
        if (o.url() != null) {
            String url = o.url().replaceAll("/+$", "");
            Map<String, Object> d = describe("external", url, List.of(), "unknown");
            if (o.serverPid() > 0) {
                d.putAll(ExternalServer.describe(o.serverPid()));
            }
            LiveRows rows = o.databaseUrl() == null ? null : new LiveRows(o.databaseUrl(), o.databaseUser(), o.databasePassword());
            return new Target(url, platform(url, o.clientId(), o.clientSecret()),
                    new ServerProbe(url, o.serverPid() > 0 ? o.serverPid() : -1, false), rows, d, o.databaseProcess(), o.stepHook(), () -> {});
        }
        Path data = tempDir();
        FoyerConfig config = config(o, data);
        LiveRows rows = config.embeddedDatabase() ? new LiveRows(LiveRows.h2Url(data), "sa", "")
                : new LiveRows(o.databaseUrl(), o.databaseUser(), o.databasePassword());
        String database = config.embeddedDatabase() ? "embedded H2" : "PostgreSQL";
        if (o.spawn()) {
            NewApplication app;
            try (Stores stores = JdbcStores.open(config)) {
                app = register(stores);
            }
            SpawnedServer child = SpawnedServer.start(o, data);
            Map<String, Object> d = describe("spawned", child.url(), child.jvmArguments(), database);
            d.put("pid", child.pid());
            d.put("java", ExternalServer.java(child.pid()).map(Path::toString).orElse("unknown"));
            d.put("javaVersion", ExternalServer.javaVersion(child.pid()));
            return new Target(child.url(), platform(child.url(), app.application().clientId(), app.clientSecret()),
                    new ServerProbe(child.url(), child.pid(), false), rows, d, o.databaseProcess(), o.stepHook(), () -> {
                        child.close();
                        deleteTree(data);
                    });
        }
        FoyerServer server = FoyerServer.start(config);
        NewApplication app = register(server.services().stores());
        Map<String, Object> d = describe("in-process", server.url(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(), database);
        return new Target(server.url(), platform(server.url(), app.application().clientId(), app.clientSecret()),
                new ServerProbe(server.url(), ProcessHandle.current().pid(), true), rows, d, o.databaseProcess(), o.stepHook(), () -> {
                    server.close();
                    deleteTree(data);
                });
    }

    String url() {
        return url;
    }

    FoyerPlatformClient platform() {
        return platform;
    }

    /** CPU seconds of the database server's processes so far, or -1 when not measured ({@link DatabaseCpu}). */
    double databaseCpuSeconds() {
        return databaseProcess == null ? -1 : DatabaseCpu.cpuSeconds(databaseProcess);
    }

    ServerProbe probe() {
        return probe;
    }

    /** What runs at the start and the end of each measured step ({@code --step-hook}). */
    StepHook stepHook() {
        return stepHook;
    }

    /** Counts of live-state rows, or a note that the database is unknown (an external server without {@code --database-url}). */
    Map<String, Object> liveRows() {
        return rows == null ? Map.of("error", "database unknown: pass --database-url") : rows.count();
    }

    /**
     * {@code mode}, {@code url}, {@code jvmFlags}, {@code javaVersion}, {@code foyerVersion}, {@code database};
     * for a server in a process of its own, {@code pid} and {@code java} (its executable).
     */
    Map<String, Object> description() {
        return description;
    }

    boolean inProcess() {
        return "in-process".equals(description.get("mode"));
    }

    @Override
    public void close() {
        try {
            stop.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the server: " + e.getMessage(), e);
        }
    }

    private static FoyerConfig config(TargetOptions o, Path data) {
        FoyerConfig.Builder b = FoyerConfig.newBuilder().port(0).dataDir(data);
        if (o.databaseUrl() != null) {
            b.databaseUrl(o.databaseUrl()).databaseUser(o.databaseUser()).databasePassword(o.databasePassword());
        }
        return b.build();
    }

    private static NewApplication register(Stores stores) {
        return new ApplicationService(stores.applications(), Clock.systemUTC())
                .create("foyer-bench-" + Long.toString(System.nanoTime(), 36), List.of(), null);
    }

    private static FoyerPlatformClient platform(String url, String clientId, String clientSecret) {
        return FoyerPlatformClient.builder().baseUrl(url).clientId(clientId).clientSecret(clientSecret)
                .callTimeout(Duration.ofSeconds(60)).build();
    }

    private static Map<String, Object> describe(String mode, String url, List<String> jvmFlags, String database) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", mode);
        d.put("url", url);
        d.put("database", database);
        d.put("jvmFlags", jvmFlags);
        // A server in this JVM runs on this Java; any other is asked (ExternalServer.javaVersion).
        d.put("javaVersion", "in-process".equals(mode) ? Runtime.version().toString() : "unknown");
        String v = FoyerServer.class.getPackage().getImplementationVersion();
        d.put("foyerVersion", "external".equals(mode) ? "unknown" : v == null ? "development" : v);
        return d;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("foyer-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the server", e);
        }
    }

    static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left behind in the temp directory; harmless.
        }
    }
}
