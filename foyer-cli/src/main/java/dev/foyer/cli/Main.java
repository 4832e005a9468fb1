package dev.foyer.cli;

import dev.foyer.server.error.FoyerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code foyer} command. Exit codes: 0 success, 1 failure (the message says why), 2 usage error.
 */
@Command(name = "foyer", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Foyer: guest meetings (chat, audio, video) embedded in your own app.",
        subcommands = {ServeCommand.class, AppCommand.class, UserCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = e instanceof FoyerException || e instanceof IllegalArgumentException
                    ? e.getMessage() : e.toString();
            cmd.getErr().println("foyer: " + message);
            return 1;
        });
        return cli.execute(args);
    }
}
