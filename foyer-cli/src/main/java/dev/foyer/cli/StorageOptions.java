package dev.foyer.cli;

import dev.foyer.server.config.ConfigLoader;
import dev.foyer.server.config.FoyerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data lives; shared by {@code serve} and the admin commands so they see the same data. */
final class StorageOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (.yaml or .properties) with the same keys as the options.")
    Path configFile;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory of the embedded database (default: ./foyer-data).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL instead of the embedded database (env FOYER_DATABASE_URL).")
    String databaseUrl;

    @Option(names = "--database-user", paramLabel = "USER", description = "Database user, when not in the URL.")
    String databaseUser;

    @Option(names = "--database-password", paramLabel = "PASSWORD",
            description = "Database password (env FOYER_DATABASE_PASSWORD).")
    String databasePassword;

    /** Defaults, then the config file, then the environment, then flags: the later wins. */
    FoyerConfig.Builder builder() {
        FoyerConfig.Builder b = FoyerConfig.newBuilder();
        if (configFile != null) {
            try {
                ConfigLoader.apply(ConfigLoader.read(configFile), b);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + configFile + ": " + e.getMessage(), e);
            }
        }
        String envUrl = System.getenv("FOYER_DATABASE_URL");
        if (envUrl != null && !envUrl.isBlank()) {
            b.databaseUrl(envUrl);
        }
        String envPassword = System.getenv("FOYER_DATABASE_PASSWORD");
        if (envPassword != null) {
            b.databasePassword(envPassword);
        }
        if (dataDir != null) {
            b.dataDir(dataDir);
        }
        if (databaseUrl != null) {
            b.databaseUrl(databaseUrl);
        }
        if (databaseUser != null) {
            b.databaseUser(databaseUser);
        }
        if (databasePassword != null) {
            b.databasePassword(databasePassword);
        }
        return b;
    }
}
