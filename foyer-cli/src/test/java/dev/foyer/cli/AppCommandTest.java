package dev.foyer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.app.Application;
import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.store.Stores;
import dev.foyer.server.store.jdbc.JdbcStores;
import dev.foyer.server.testing.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foyer app ...} against the data directory of a running server. */
class AppCommandTest {
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

    @Test
    void createPrintsCredentialsWhoseSecretTheRunningServerAccepts() {
        Cli.Result r = Cli.onData(dataDir, "app", "create", "--name", "billing", "--json").succeeded();

        JsonNode app = r.json();
        assertThat(app.get("appId").asText()).isNotBlank();
        assertThat(app.get("name").asText()).isEqualTo("billing");
        assertThat(app.get("clientSecret").asText()).startsWith("fcs_");
        assertThat(app.get("webhookSecret").asText()).startsWith("whs_");
        String token = server.accessToken(app.get("clientId").asText(), app.get("clientSecret").asText());
        Api.Response meetings = server.api().get(LocalServer.platformBase(app.get("appId").asText()) + "/adhocMeetings",
                "Authorization", Api.bearer(token));
        assertThat(meetings.status()).isEqualTo(200);
    }

    @Test
    void createWithoutJsonWarnsThatSecretsAreShownOnce() {
        Cli.Result r = Cli.onData(dataDir, "app", "create", "--name", "plain").succeeded();

        assertThat(r.out()).contains("clientSecret").contains("fcs_").contains("not shown again");
    }

    @Test
    void duplicateNameFailsWithAMessageOnStderr() {
        Cli.onData(dataDir, "app", "create", "--name", "twice").succeeded();

        Cli.Result again = Cli.onData(dataDir, "app", "create", "--name", "twice");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).isEqualTo("foyer: application name already taken: twice" + System.lineSeparator());
    }

    @Test
    void listShowsCreatedApplicationsWithoutSecrets() {
        JsonNode created = Cli.onData(dataDir, "app", "create", "--name", "listed", "--json").succeeded().json();

        JsonNode list = Cli.onData(dataDir, "app", "list", "--json").succeeded().json();

        assertThat(list.findValuesAsText("appId")).contains(created.get("appId").asText());
        assertThat(list.toString()).doesNotContain(created.get("clientSecret").asText())
                .doesNotContain(created.get("webhookSecret").asText());
    }

    @Test
    void rotateSecretRetiresTheOldSecretAtOnce() {
        JsonNode app = Cli.onData(dataDir, "app", "create", "--name", "rotating", "--json").succeeded().json();
        String clientId = app.get("clientId").asText();

        JsonNode rotated = Cli.onData(dataDir, "app", "rotate-secret", "rotating", "--json").succeeded().json();

        assertThat(rotated.get("clientId").asText()).isEqualTo(clientId);
        assertThat(LocalServer.requestToken(server.api(), clientId, app.get("clientSecret").asText()).status())
                .isEqualTo(401);
        assertThat(LocalServer.requestToken(server.api(), clientId, rotated.get("clientSecret").asText()).status())
                .isEqualTo(200);
    }

    @Test
    void deleteRemovesTheApplicationAndItsCredentials() {
        JsonNode app = Cli.onData(dataDir, "app", "create", "--name", "doomed", "--json").succeeded().json();
        String appId = app.get("appId").asText();

        Cli.Result deleted = Cli.onData(dataDir, "app", "delete", appId).succeeded();

        assertThat(deleted.out()).contains("deleted " + appId + " (doomed)");
        assertThat(Cli.onData(dataDir, "app", "list", "--json").json().findValuesAsText("appId")).doesNotContain(appId);
        assertThat(LocalServer.requestToken(server.api(), app.get("clientId").asText(),
                app.get("clientSecret").asText()).status()).isEqualTo(401);
        assertThat(Cli.onData(dataDir, "app", "delete", appId).exitCode()).isEqualTo(1);
    }

    @Test
    void updateSetsReplacesAndRemovesTheCallbackUrl() {
        Cli.onData(dataDir, "app", "create", "--name", "hooked", "--json").succeeded();

        JsonNode set = Cli.onData(dataDir, "app", "update", "hooked", "--callback-url",
                "https://hooks.example.com/foyer", "--allowed-origin", "https://shop.example", "--json").succeeded().json();
        assertThat(set.get("callbackUrl").asText()).isEqualTo("https://hooks.example.com/foyer");
        assertThat(set.get("allowedOrigins").get(0).asText()).isEqualTo("https://shop.example");

        JsonNode removed = Cli.onData(dataDir, "app", "update", "hooked", "--no-callback-url", "--json").succeeded()
                .json();
        assertThat(removed.path("callbackUrl").isNull() || removed.path("callbackUrl").isMissingNode()).isTrue();
        assertThat(removed.get("allowedOrigins").get(0).asText()).as("origins unchanged").isEqualTo("https://shop.example");
    }

    @Test
    void aPrivateCallbackUrlIsRefusedUnlessAllowed() {
        Cli.onData(dataDir, "app", "create", "--name", "local-hooks").succeeded();

        Cli.Result refused = Cli.onData(dataDir, "app", "update", "local-hooks", "--callback-url",
                "http://127.0.0.1:9000/hooks");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("callbackUrl:").contains("webhooks-allow-private");
        assertThat(Cli.onData(dataDir, "app", "update", "local-hooks", "--callback-url", "http://127.0.0.1:9000/hooks",
                "--allow-private-callback", "--json").succeeded().json().get("callbackUrl").asText())
                .isEqualTo("http://127.0.0.1:9000/hooks");
        assertThat(Cli.onData(dataDir, "app", "update", "local-hooks", "--callback-url", "https://a.example/",
                "--no-callback-url").exitCode()).isEqualTo(2);
    }

    @Test
    void rotateWebhookSecretKeepsTheOldSecretSigningDuringTheOverlap() {
        JsonNode app = Cli.onData(dataDir, "app", "create", "--name", "rotating-hooks", "--json").succeeded().json();

        JsonNode rotated = Cli.onData(dataDir, "app", "rotate-webhook-secret", "rotating-hooks", "--overlap", "2h",
                "--json").succeeded().json();

        String secret = rotated.get("webhookSecret").asText();
        assertThat(secret).startsWith("whs_").isNotEqualTo(app.get("webhookSecret").asText());
        Instant until = Instant.parse(rotated.get("previousSecretValidUntil").asText());
        assertThat(until).isBetween(Instant.now().plus(Duration.ofMinutes(119)), Instant.now().plus(Duration.ofHours(2)));
        try (Stores stores = JdbcStores.open(FoyerConfig.newBuilder().dataDir(dataDir).build())) {
            Application stored = stores.applications().findByIdOrName("rotating-hooks").orElseThrow();
            assertThat(stored.signingSecrets(Instant.now())).containsExactly(secret, app.get("webhookSecret").asText());
            assertThat(stored.signingSecrets(until.plusSeconds(1))).containsExactly(secret);
        }

        JsonNode immediate = Cli.onData(dataDir, "app", "rotate-webhook-secret", "rotating-hooks", "--overlap", "0",
                "--json").succeeded().json();
        assertThat(immediate.get("previousSecretValidUntil").isNull()).isTrue();
    }
}
