package dev.foyer.server.testing;

import dev.foyer.server.config.FoyerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Empty databases for tests that open real stores or start real servers. Each returns a
 * {@link TestDatabase} whose config points at a database nobody else uses; closing it drops what
 * it created.
 *
 * <p>PostgreSQL is the one on this machine, or {@code FOYER_TEST_DATABASE_URL}. When it is down,
 * {@link #freshPostgres()} fails: such tests must fail, never skip.
 */
public final class TestDatabases {
    /** The environment variable that overrides {@link #DEFAULT_POSTGRES_URL}. */
    public static final String POSTGRES_URL_VARIABLE = "FOYER_TEST_DATABASE_URL";

    public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private TestDatabases() {}

    /** The embedded H2 database in {@code dataDir} (a fresh temporary directory). */
    public static TestDatabase freshH2(Path dataDir) {
        return new TestDatabase(FoyerConfig.newBuilder().dataDir(dataDir).build(), () -> {});
    }

    /** The embedded H2 database in a new temporary directory, deleted (best effort) on close. */
    public static TestDatabase temporaryH2() {
        Path dir;
        try {
            dir = Files.createTempDirectory("foyer-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestDatabase(FoyerConfig.newBuilder().dataDir(dir).build(), () -> deleteQuietly(dir));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary directory is not worth failing a test for.
        }
    }

    /** A new PostgreSQL schema with a random name, set as the connection's current schema. */
    public static TestDatabase freshPostgres() {
        String baseUrl = postgresUrl();
        String schema = "foyer_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute(baseUrl, "CREATE SCHEMA " + schema);
        String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        FoyerConfig config = FoyerConfig.newBuilder()
                .dataDir(Path.of(System.getProperty("java.io.tmpdir"), schema))
                .databaseUrl(url)
                .build();
        return new TestDatabase(config, () -> execute(baseUrl, "DROP SCHEMA " + schema + " CASCADE"));
    }

    public static String postgresUrl() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_POSTGRES_URL : url;
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url.replaceFirst("\\?.*", "")
                    + " failed: " + sql + " (is it running? set " + POSTGRES_URL_VARIABLE + " to point elsewhere)", e);
        }
    }

    /** A database for one test class or test, and how to drop it. */
    public static final class TestDatabase implements AutoCloseable {
        private final FoyerConfig config;
        private final Runnable drop;

        TestDatabase(FoyerConfig config, Runnable drop) {
            this.config = config;
            this.drop = drop;
        }

        /** A config with every default but the database; adjust it with {@code toBuilder()}. */
        public FoyerConfig config() {
            return config;
        }

        /** Drops the database; close the stores or servers that use it first. */
        @Override
        public void close() {
            drop.run();
        }
    }
}
