package dev.foyer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Exit code 2 and a usage message for a command line that cannot be parsed. */
class UsageTest {
    @Test
    void unknownSubcommandIsAUsageError() {
        Cli.Result r = Cli.run("app", "explode");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument").contains("'explode'");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = Cli.run("user", "list", "--colour");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--colour'");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        assertThat(Cli.run("app", "create").exitCode()).isEqualTo(2);
    }

    @Test
    void helpListsEveryCommandGroupOnStdout() {
        Cli.Result r = Cli.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("serve", "app", "user", "keys");
    }
}
