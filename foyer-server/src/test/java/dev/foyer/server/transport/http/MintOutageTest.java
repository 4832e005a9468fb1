package dev.foyer.server.transport.http;

import static dev.foyer.server.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.store.jdbc.JdbcStores;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mint whose record cannot be committed is answered over HTTP, and in time: the answer comes
 * from the commit's future, not from a thread that waited for it (docs/performance.md, item 59).
 */
class MintOutageTest {
    private static TestServer server;
    private static NewApplication app;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
        app = server.createApp("outage");
        token = server.accessToken(app);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs {@code sql} on a second connection to the server's embedded database, as an operator's tool would. */
    private static void alongside(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        JdbcStores.embeddedDatabaseUrl(server.server().services().config()), "sa", "");
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static Api.Response mint(JsonNode meeting, String session) {
        return server.api().post(TestServer.platformBase(app) + "/anonApplicationTokens",
                "{\"applicationSessionId\":\"" + session + "\",\"meetingUrl\":\"" + meeting.get("joinUrl").asText()
                        + "\"}", "Authorization", bearer(token));
    }

    @Test
    void aMintWhoseRecordCannotBeCommittedIsRefusedAsUnavailableAndTheNextOneWorks() throws Exception {
        JsonNode meeting = server.createAdhocMeeting(app, token, "{\"subject\":\"outage\"}");
        alongside("ALTER TABLE issued_tokens RENAME TO issued_tokens_away");
        Api.Response refused;
        try {
            refused = mint(meeting, "during");
        } finally {
            alongside("ALTER TABLE issued_tokens_away RENAME TO issued_tokens");
        }

        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("unavailable");
        assertThat(refused.json().get("error").get("message").asText()).isEqualTo("the token could not be recorded; try again");

        Api.Response minted = mint(meeting, "after");
        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        assertThat(minted.json().get("token").asText()).isNotBlank();
    }
}
