package dev.foyer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.Api;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foyer user ...} against the data directory of a running server. */
class UserCommandTest {
    private static final String MY_MEETINGS = "/api/v1/me/onlineMeetings";

    @TempDir
    static Path dataDir;

    private static LocalServer server;

    @BeforeAll
    static void start() {
        server = LocalServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int myMeetingsStatus(String token) {
        return server.api().get(MY_MEETINGS, "Authorization", Api.bearer(token)).status();
    }

    @Test
    void createPrintsATokenTheUserApiAccepts() {
        JsonNode alice = Cli.onData(dataDir, "user", "create", "alice", "--display-name", "Alice A.", "--json")
                .succeeded().json();

        assertThat(alice.get("userName").asText()).isEqualTo("alice");
        assertThat(alice.get("displayName").asText()).isEqualTo("Alice A.");
        assertThat(myMeetingsStatus(alice.get("token").asText())).isEqualTo(200);
        assertThat(Cli.onData(dataDir, "user", "list", "--json").succeeded().json().findValuesAsText("userName"))
                .contains("alice");
    }

    @Test
    void revokedTokenIsRefused() {
        String token = Cli.onData(dataDir, "user", "create", "bob", "--json").succeeded().json().get("token").asText();

        Cli.Result r = Cli.onData(dataDir, "user", "revoke-token", "bob").succeeded();

        assertThat(r.out()).contains("revoked the token of bob");
        assertThat(myMeetingsStatus(token)).isEqualTo(401);
    }

    @Test
    void rotatedTokenReplacesTheOldOne() {
        String old = Cli.onData(dataDir, "user", "create", "carol", "--json").succeeded().json().get("token").asText();

        String rotated = Cli.onData(dataDir, "user", "rotate-token", "carol", "--json").succeeded().json()
                .get("token").asText();

        assertThat(rotated).isNotEqualTo(old);
        assertThat(myMeetingsStatus(old)).isEqualTo(401);
        assertThat(myMeetingsStatus(rotated)).isEqualTo(200);
    }

    @Test
    void invalidUserNameFailsWithTheRule() {
        Cli.Result r = Cli.onData(dataDir, "user", "create", "not a/name");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("foyer: userName: ").contains("a-z, 0-9");
    }

    @Test
    void unknownUserFails() {
        Cli.Result r = Cli.onData(dataDir, "user", "revoke-token", "nobody");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("foyer: ").contains("not found");
    }
}
