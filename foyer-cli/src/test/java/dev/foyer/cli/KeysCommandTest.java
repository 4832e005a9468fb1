package dev.foyer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.testing.Api;
import dev.foyer.server.token.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foyer keys ...} against the data directory of a running server. The server's periodic
 * reload is stood in for by calling {@link SigningKeys#reload()}, so the tests need not wait for it.
 */
class KeysCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private LocalServer server;
    private JsonNode app;

    @BeforeEach
    void start() {
        server = LocalServer.start(dataDir);
        app = Cli.onData(dataDir, "app", "create", "--name", "keys-test", "--json").succeeded().json();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SigningKeys serverKeys() {
        return server.server().services().signingKeys();
    }

    private String accessToken() {
        return server.accessToken(app.get("clientId").asText(), app.get("clientSecret").asText());
    }

    private int listMeetingsStatus(String token) {
        return server.api().get(LocalServer.platformBase(app.get("appId").asText()) + "/adhocMeetings",
                "Authorization", Api.bearer(token)).status();
    }

    @Test
    void listShowsTheServersKeyAsTheSigningOne() {
        JsonNode keys = Cli.onData(dataDir, "keys", "list", "--json").succeeded().json();

        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("kid").asText()).isEqualTo(serverKeys().signingKeyId());
        assertThat(keys.get(0).get("createdAt").asText()).isNotBlank();
        assertThat(keys.get(0).get("retiredAt").isNull()).isTrue();
        assertThat(keys.get(0).get("signing").asBoolean()).isTrue();
    }

    @Test
    void rotatedKeySignsAfterTheServerReloadsAndOldTokensStillVerify() {
        String first = serverKeys().signingKeyId();
        String oldToken = accessToken();

        String rotated = Cli.onData(dataDir, "keys", "rotate", "--json").succeeded().json().get("kid").asText();
        serverKeys().reload();

        String newToken = accessToken();
        assertThat(kid(oldToken)).isEqualTo(first);
        assertThat(kid(newToken)).isEqualTo(rotated).isNotEqualTo(first);
        assertThat(listMeetingsStatus(oldToken)).isEqualTo(200);
        assertThat(listMeetingsStatus(newToken)).isEqualTo(200);
        JsonNode keys = Cli.onData(dataDir, "keys", "list", "--json").succeeded().json();
        assertThat(keys.findValuesAsText("kid")).containsExactly(first, rotated);
        assertThat(keys.findValuesAsText("signing")).containsExactly("false", "true");
    }

    @Test
    void retiredKeyStopsVerifyingAfterTheServerReloads() {
        String first = serverKeys().signingKeyId();
        String oldToken = accessToken();
        Cli.onData(dataDir, "keys", "rotate").succeeded();

        Cli.Result r = Cli.onData(dataDir, "keys", "retire", first).succeeded();
        serverKeys().reload();

        assertThat(r.out()).contains("retired " + first);
        assertThat(listMeetingsStatus(oldToken)).isEqualTo(401);
        assertThat(listMeetingsStatus(accessToken())).isEqualTo(200);
        JsonNode retired = Cli.onData(dataDir, "keys", "list", "--json").succeeded().json().get(0);
        assertThat(retired.get("kid").asText()).isEqualTo(first);
        assertThat(retired.get("retiredAt").asText()).isNotBlank();
    }

    @Test
    void retiringTheOnlyKeyIsRefused() {
        String only = serverKeys().signingKeyId();

        Cli.Result r = Cli.onData(dataDir, "keys", "retire", only);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("foyer: ").contains("only signing key").contains("rotate first");
        serverKeys().reload();
        assertThat(serverKeys().signingKeyId()).isEqualTo(only);
    }

    @Test
    void retiringAnUnknownKeyFails() {
        Cli.Result r = Cli.onData(dataDir, "keys", "retire", "no-such-kid");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no unretired signing key no-such-kid");
    }

    /** The {@code kid} in a JWS's protected header. */
    private static String kid(String jws) {
        try {
            byte[] header = Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.')));
            return JSON.readTree(header).get("kid").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
