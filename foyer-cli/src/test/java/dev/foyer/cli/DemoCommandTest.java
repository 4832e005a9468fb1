package dev.foyer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.app.Application;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code foyer demo}: first run registers the sample's application; a restart reuses it. */
class DemoCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private DemoCommand.Running start() {
        DemoCommand command = new DemoCommand();
        new CommandLine(command).parseArgs("--data", data.toString(), "--port", "0", "--sample-port", "0");
        return command.start();
    }

    @Test
    void firstRunRegistersTheSampleAndARestartReusesItsCredentials() throws Exception {
        String clientId;
        try (DemoCommand.Running first = start()) {
            assertThat(first.app().fresh()).isTrue();
            Path file = data.resolve("demo.json");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            Application app = first.foyer().services().applications().require("contoso-visits");
            assertThat(app.allowedOrigins()).containsExactly(first.sample().url());
            assertThat(app.callbackUrl()).isEqualTo(first.sample().webhookUrl());
            assertThat(visit(first.sample().url()).path("discoverUri").asText()).startsWith(first.foyer().url());

            StringWriter out = new StringWriter();
            DemoCommand.print(new PrintWriter(out), first);
            assertThat(out.toString()).contains(first.sample().url() + "/", first.sample().url() + "/advisor.html",
                    "vera", "ada-advises");
            assertThat(out.toString()).doesNotContain(first.app().clientSecret(), first.app().webhookSecret());
            clientId = first.app().clientId();
        }

        try (DemoCommand.Running second = start()) { // new ports, same data
            assertThat(second.app().fresh()).isFalse();
            assertThat(second.app().clientId()).isEqualTo(clientId);
            assertThat(second.foyer().services().applications().list()).hasSize(1);
            assertThat(second.foyer().services().applications().require("contoso-visits").allowedOrigins())
                    .containsExactly(second.sample().url());
            assertThat(visit(second.sample().url()).has("token")).isTrue();
        }
    }

    @Test
    void lostCredentialsFileGetsFreshSecretsForTheSameApplication() throws Exception {
        String clientId;
        try (DemoCommand.Running first = start()) {
            clientId = first.app().clientId();
        }
        Files.delete(data.resolve("demo.json"));
        try (DemoCommand.Running second = start()) {
            assertThat(second.app().fresh()).isTrue();
            assertThat(second.app().clientId()).isEqualTo(clientId);
            assertThat(second.foyer().services().applications().list()).hasSize(1);
            assertThat(visit(second.sample().url()).has("token")).isTrue();
        }
    }

    /** Signs in as the demo visitor and asks for a visit: the sample's Foyer credentials work. */
    private static JsonNode visit(String sample) throws Exception {
        HttpResponse<String> login = HTTP.send(post(sample + "/api/login", "{\"username\":\"vera\",\"password\":\"vera-visits\"}", sample, null)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> visit = HTTP.send(post(sample + "/api/visits", "{}", sample, cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(visit.statusCode()).as(visit.body()).isEqualTo(200);
        return JSON.readTree(visit.body());
    }

    private static HttpRequest.Builder post(String url, String json, String origin, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-Requested-With", "fetch").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return cookie == null ? b : b.header("Cookie", cookie);
    }
}
