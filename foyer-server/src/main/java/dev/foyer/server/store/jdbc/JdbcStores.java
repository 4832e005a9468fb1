package dev.foyer.server.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.store.ApplicationStore;
import dev.foyer.server.store.ChatStore;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.store.MeetingStore;
import dev.foyer.server.store.ParticipationStore;
import dev.foyer.server.store.SigningKeyStore;
import dev.foyer.server.store.Stores;
import dev.foyer.server.store.UserStore;
import dev.foyer.server.store.WebhookStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link Stores} on a relational database through JDBI: the embedded H2 file database under the
 * data directory by default, PostgreSQL when a JDBC URL is configured. Opening migrates the schema
 * (Flyway, {@code db/migration}) to the latest version; a database that cannot be reached or
 * migrated fails {@link #open} rather than the first request.
 *
 * <p>With PostgreSQL the schema is the connection's current schema ({@code currentSchema=} in the
 * URL, else the user's search path). Thread-safe; close it once, at shutdown.
 */
public final class JdbcStores implements Stores {
    private static final int REACHABLE_TIMEOUT_SECONDS = 2;

    private final HikariDataSource dataSource;
    private final String description;
    private final ApplicationStore applications;
    private final UserStore users;
    private final MeetingStore meetings;
    private final IssuedTokenStore issuedTokens;
    private final SigningKeyStore signingKeys;
    private final ChatStore chat;
    private final ParticipationStore participations;
    private final WebhookStore webhooks;
    private final Jdbi jdbi;
    /** Compacts the embedded H2 file; null with PostgreSQL. */
    private final H2Compactor compactor;
    /** How deep this thread is in {@link #inTransaction}: what it reads there may roll back. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private JdbcStores(HikariDataSource dataSource, String description, H2Compactor compactor) {
        this.dataSource = dataSource;
        this.description = description;
        this.compactor = compactor;
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.registerArgument(new InstantArgumentFactory());
        this.jdbi = jdbi;
        BooleanSupplier inTransaction = () -> DEPTH.get()[0] > 0;
        CachingIssuedTokenStore tokens = new CachingIssuedTokenStore(new JdbcIssuedTokenStore(jdbi), inTransaction);
        this.issuedTokens = tokens;
        this.applications = new CachingApplicationStore(new JdbcApplicationStore(jdbi, tokens::forgetAll),
                inTransaction);
        this.users = new JdbcUserStore(jdbi);
        this.meetings = new CachingMeetingStore(new JdbcMeetingStore(jdbi), inTransaction, tokens::forgetMeeting);
        this.signingKeys = new JdbcSigningKeyStore(jdbi);
        this.chat = new JdbcChatStore(jdbi);
        this.participations = new JdbcParticipationStore(jdbi);
        this.webhooks = new JdbcWebhookStore(jdbi);
    }

    /**
     * Publishes the connection pool's gauges and timers to {@code registry} ({@code hikaricp_*},
     * pool {@code foyer-db}): connections active, idle and pending, and the time to acquire one;
     * for the embedded database, the time of each compaction pass ({@code foyer_h2_compaction_*}).
     * Call once.
     */
    public void bindMetrics(MeterRegistry registry) {
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        if (compactor != null) {
            compactor.bindMetrics(registry);
        }
    }

    /**
     * The JDBC URL of the embedded H2 file under {@code config}'s data directory, with the
     * settings the server opens it with (user {@code sa}, no password): for a second connection
     * beside the server's (AUTO_SERVER), or for an URL with settings appended.
     */
    public static String embeddedDatabaseUrl(FoyerConfig config) {
        return DataSources.h2Url(config);
    }

    /** Connects to the configured database and migrates it; throws when either fails. */
    public static JdbcStores open(FoyerConfig config) {
        HikariDataSource dataSource = DataSources.open(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        H2Compactor compactor = config.embeddedDatabase() ? new H2Compactor(dataSource).start() : null;
        return new JdbcStores(dataSource, DataSources.describe(config), compactor);
    }

    @Override
    public ApplicationStore applications() {
        return applications;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public MeetingStore meetings() {
        return meetings;
    }

    @Override
    public IssuedTokenStore issuedTokens() {
        return issuedTokens;
    }

    @Override
    public SigningKeyStore signingKeys() {
        return signingKeys;
    }

    @Override
    public ChatStore chat() {
        return chat;
    }

    @Override
    public ParticipationStore participations() {
        return participations;
    }

    @Override
    public WebhookStore webhooks() {
        return webhooks;
    }

    /** JDBI keeps the transaction's handle for this thread, so the stores' own calls join it. */
    @Override
    public void inTransaction(Runnable work) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            jdbi.useTransaction(handle -> work.run());
        } finally {
            depth[0]--;
        }
    }

    @Override
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(REACHABLE_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (compactor != null) {
            compactor.close();
        }
        dataSource.close();
    }
}
