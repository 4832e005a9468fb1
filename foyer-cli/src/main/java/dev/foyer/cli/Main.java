package dev.foyer.cli;

import dev.foyer.bench.load.BenchFailure;
import dev.foyer.server.error.FoyerException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code foyer} command. Exit codes: 0 success, 1 failure (the message says why), 2 usage error.
 */
@Command(name = "foyer", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Foyer: guest meetings (chat, audio, video) embedded in your own app.",
        subcommands = {DemoCommand.class, ServeCommand.class, AppCommand.class, UserCommand.class, KeysCommand.class,
            JoinCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the standard streams and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line, printing results to {@code out} and messages to {@code err} (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    /** Runs the command line with {@code in} as standard input ({@code foyer join} reads it). */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == JoinCommand.class ? type.cast(new JoinCommand(in)) : defaults.create(type);
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((thrown, cmd, parsed) -> {
            Throwable e = thrown;
            // A failure inside a future (the bench's, the platform client's) says what failed in its cause.
            while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
                e = e.getCause();
            }
            String message = e instanceof FoyerException || e instanceof dev.foyer.platform.FoyerException
                    || e instanceof IllegalArgumentException || e instanceof BenchFailure
                    ? e.getMessage() : e.toString();
            cmd.getErr().println("foyer: " + message);
            return 1;
        });
        return cli.execute(args);
    }
}
