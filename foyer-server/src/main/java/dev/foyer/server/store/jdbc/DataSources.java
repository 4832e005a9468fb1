package dev.foyer.server.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.foyer.server.config.FoyerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the connection pool for the configured database. */
final class DataSources {
    /**
     * Settings of the embedded H2 database.
     *
     * <ul>
     *   <li>{@code AUTO_SERVER=TRUE}: a second process (an admin command) may open the file while the
     *       server holds it; it connects through the holder's TCP server.
     *   <li>{@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}: one set of
     *       migrations and one SQL dialect for both databases.
     *   <li>{@code WRITE_DELAY=0}: the MVStore writes every commit to the file before the commit
     *       returns, instead of up to a second later from a background thread, so that a killed
     *       server keeps what it acknowledged.
     *   <li>{@code CACHE_SIZE=65536}: 64 MiB of page cache (in KiB) instead of H2's 16 MiB. The
     *       history tables a busy server accumulates (issued tokens, participations, webhook
     *       events) outgrow 16 MiB within hours; with the join path's index lookups then read
     *       from the file, a join cost ~10% more server CPU (docs/performance.md, item 17).
     * </ul>
     */
    static final String H2_SETTINGS = ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
            + ";DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;CACHE_SIZE=65536";

    private static final int MAX_POOL_SIZE = 10;
    private static final long CONNECTION_TIMEOUT_MILLIS = 5_000;

    private DataSources() {}

    static HikariDataSource open(FoyerConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("foyer-db");
        hikari.setMaximumPoolSize(MAX_POOL_SIZE);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        if (config.embeddedDatabase()) {
            hikari.setJdbcUrl(h2Url(config));
            hikari.setUsername("sa");
            hikari.setPassword("");
        } else {
            hikari.setJdbcUrl(config.databaseUrl());
            if (config.databaseUser() != null) {
                hikari.setUsername(config.databaseUser());
            }
            if (config.databasePassword() != null) {
                hikari.setPassword(config.databasePassword());
            }
        }
        return new HikariDataSource(hikari);
    }

    /** The embedded database's JDBC URL, with its settings (user {@code sa}, no password). */
    static String h2Url(FoyerConfig config) {
        return "jdbc:h2:file:" + h2File(config) + H2_SETTINGS;
    }

    /** The H2 database file without its {@code .mv.db} suffix, its directory created. */
    static Path h2File(FoyerConfig config) {
        Path dir = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
        return dir.resolve("foyer");
    }

    /** The database for the start-up log: the JDBC URL without user info, parameters or settings. */
    static String describe(FoyerConfig config) {
        if (config.embeddedDatabase()) {
            return "H2 file " + config.dataDir().resolve("foyer");
        }
        String url = config.databaseUrl();
        int parameters = indexOfAny(url, '?', ';');
        String withoutParameters = parameters < 0 ? url : url.substring(0, parameters);
        String address = withoutParameters.replaceFirst("^jdbc:[a-z0-9]+://", "");
        address = address.substring(address.lastIndexOf('@') + 1);
        String product = url.startsWith("jdbc:postgresql:") ? "PostgreSQL " : "database ";
        return product + address;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
