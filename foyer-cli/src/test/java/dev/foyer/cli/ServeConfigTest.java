package dev.foyer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.config.FoyerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --config FILE}: the same keys as the options, YAML or properties; flags win over the file. */
class ServeConfigTest {
    @TempDir
    Path dir;

    /** The configuration {@code foyer serve args} would start a server with. */
    private static FoyerConfig serveConfig(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.config();
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void yamlFileSetsTheServerConfiguration() throws IOException {
        Path yaml = file("foyer.yaml", """
                port: 9100
                bind: 0.0.0.0
                data: %s
                stun-urls: [stun:one.example, stun:two.example]
                access-token-ttl: 15m
                """.formatted(dir.resolve("yaml-data")));

        FoyerConfig config = serveConfig("--config", yaml.toString());

        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.bind()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(dir.resolve("yaml-data"));
        assertThat(config.stunUrls()).containsExactly("stun:one.example", "stun:two.example");
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void propertiesFileSetsTheServerConfiguration() throws IOException {
        Path properties = file("foyer.properties", """
                port = 9101
                public-url = https://meet.example.com
                turn-urls = turn:a.example, turn:b.example
                meeting-lifetime = PT2H
                """);

        FoyerConfig config = serveConfig("--config", properties.toString());

        assertThat(config.port()).isEqualTo(9101);
        assertThat(config.publicUrl()).hasToString("https://meet.example.com");
        assertThat(config.turnUrls()).containsExactly("turn:a.example", "turn:b.example");
        assertThat(config.meetingDefaultLifetime()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void flagsWinOverTheFile() throws IOException {
        Path yaml = file("foyer.yml", "port: 9100\nbind: 0.0.0.0\ndata: " + dir.resolve("from-file") + "\n");

        FoyerConfig config = serveConfig("--config", yaml.toString(), "--port", "9200",
                "--data", dir.resolve("from-flag").toString());

        assertThat(config.port()).isEqualTo(9200);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("from-flag"));
        assertThat(config.bind()).isEqualTo("0.0.0.0");
    }

    @Test
    void unknownKeyFailsNamingItAndTheKnownKeys() throws IOException {
        Path yaml = file("typo.yaml", "prot: 9100\n");

        Cli.Result r = Cli.run("serve", "--config", yaml.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("foyer: unknown configuration key 'prot'; known keys: [port, bind,");
    }

    @Test
    void invalidValueFailsNamingTheKey() throws IOException {
        Path properties = file("bad.properties", "port=eighty\n");

        Cli.Result r = Cli.run("serve", "--config", properties.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("configuration key 'port': invalid value 'eighty'");
    }

    @Test
    void otherFileTypesAreRefused() throws IOException {
        Path toml = file("foyer.toml", "port = 9100\n");

        Cli.Result r = Cli.run("serve", "--config", toml.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("use a .yaml, .yml or .properties file");
    }

    @Test
    void adminCommandsReadTheSameFile() throws IOException {
        Path data = dir.resolve("shared-data");
        Path yaml = file("admin.yaml", "data: " + data + "\n");

        Cli.run("app", "create", "--name", "configured", "--config", yaml.toString()).succeeded();

        assertThat(Cli.onData(data, "app", "list", "--json").succeeded().json().findValuesAsText("name"))
                .containsExactly("configured");
        assertThat(Cli.run("app", "list", "--config", dir.resolve("missing.yaml").toString()).err())
                .contains("cannot read").contains("missing.yaml");
    }
}
