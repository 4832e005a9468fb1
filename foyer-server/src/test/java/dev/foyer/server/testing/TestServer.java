package dev.foyer.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.FoyerServer;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.user.NewUser;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real Foyer server on a free port over a fresh database (embedded H2 or this machine's
 * PostgreSQL), with shortcuts for the set-up most tests share. Close it after the test.
 */
public final class TestServer implements AutoCloseable {
    private final FoyerServer server;
    private final TestDatabases.TestDatabase database;
    private final UnaryOperator<FoyerConfig.Builder> tweak;
    private final MutableClock clock;
    private final Api api;

    private TestServer(FoyerServer server, TestDatabases.TestDatabase database, MutableClock clock,
            UnaryOperator<FoyerConfig.Builder> tweak) {
        this.server = server;
        this.database = database;
        this.tweak = tweak;
        this.clock = clock;
        this.api = new Api(server.url());
    }

    public static TestServer h2() {
        return h2(UnaryOperator.identity());
    }

    public static TestServer h2(UnaryOperator<FoyerConfig.Builder> tweak) {
        return start(TestDatabases.temporaryH2(), tweak);
    }

    public static TestServer postgres(UnaryOperator<FoyerConfig.Builder> tweak) {
        return start(TestDatabases.freshPostgres(), tweak);
    }

    private static TestServer start(TestDatabases.TestDatabase db, UnaryOperator<FoyerConfig.Builder> tweak) {
        MutableClock clock = new MutableClock();
        FoyerConfig config = tweak.apply(db.config().toBuilder().port(0).bind("127.0.0.1")).build();
        try {
            return new TestServer(FoyerServer.start(config, clock), db, clock, tweak);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Stops this server (its database stays) and starts a new one on the same database with the
     * same configuration, on a new port: what a restart of {@code foyer serve} does. Close the
     * returned server, not this one.
     */
    public TestServer restart() {
        server.close();
        MutableClock fresh = new MutableClock();
        FoyerConfig config = tweak.apply(database.config().toBuilder().port(0).bind("127.0.0.1")).build();
        return new TestServer(FoyerServer.start(config, fresh), database, fresh, tweak);
    }

    public Api api() {
        return api;
    }

    public FoyerServer server() {
        return server;
    }

    public MutableClock clock() {
        return clock;
    }

    public Path dataDir() {
        return server.services().config().dataDir();
    }

    /** Registers an application straight through the service, as {@code foyer app create} does. */
    public NewApplication createApp(String name, String... allowedOrigins) {
        return server.services().applications().create(name, List.of(allowedOrigins), null);
    }

    /** Registers an application whose webhooks go to {@code callbackUrl}. */
    public NewApplication createAppWithCallback(String name, String callbackUrl) {
        return server.services().applications().create(name, List.of(), callbackUrl);
    }

    public NewUser createUser(String userName) {
        return server.services().users().create(userName, null);
    }

    /** An access token for the application, fetched over HTTP with client credentials. */
    public String accessToken(NewApplication app) {
        Api.Response r = api.postForm("/oauth2/token", "grant_type=client_credentials",
                "Authorization", Api.basic(app.application().clientId(), app.clientSecret()));
        if (r.status() != 200) {
            throw new AssertionError("token request failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    /** Creates an ad hoc meeting over HTTP and returns its JSON. */
    public JsonNode createAdhocMeeting(NewApplication app, String token, String bodyJson) {
        Api.Response r = api.post(platformBase(app) + "/adhocMeetings", bodyJson, "Authorization", Api.bearer(token));
        if (r.status() != 201) {
            throw new AssertionError("meeting creation failed: " + r);
        }
        return r.json();
    }

    public static String platformBase(NewApplication app) {
        return "/platformservice/v1/applications/" + app.application().id().value();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
        }
    }
}
