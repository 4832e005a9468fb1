package dev.foyer.cli;

import dev.foyer.examples.contoso.Account;
import dev.foyer.examples.contoso.Accounts;
import dev.foyer.examples.contoso.ContosoVisits;
import dev.foyer.examples.contoso.Settings;
import dev.foyer.server.FoyerServer;
import dev.foyer.server.config.FoyerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foyer demo}: Foyer and the Contoso Visits sample together, wired on first run (the
 * application, its allowed origin and its webhook), so one command shows the whole guest flow.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Foyer with the Contoso Visits sample app: a visitor page and an advisor console.")
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StorageOptions storage;

    @Option(names = "--port", paramLabel = "PORT", description = "Foyer's HTTP port (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--sample-port", paramLabel = "PORT", defaultValue = "8081",
            description = "The sample app's HTTP port (default 8081; 0 picks a free one).")
    int samplePort;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address both listen on (default 127.0.0.1).")
    String bind;

    /** Foyer and the sample, running; closing stops both. */
    record Running(FoyerServer foyer, ContosoVisits sample, DemoApplication app) implements AutoCloseable {
        @Override
        public void close() {
            try {
                sample.close();
            } finally {
                foyer.close();
            }
        }
    }

    /** Starts both and registers (or reuses) the sample's application. */
    Running start() {
        FoyerConfig.Builder config = storage.builder().bind(bind).webhooksAllowPrivate(true); // the callback is local
        if (port != null) {
            config.port(port);
        }
        FoyerServer foyer = FoyerServer.start(config.build());
        try {
            int sport = samplePort != 0 ? samplePort : freePort(bind);
            String sampleUrl = "http://" + bind + ":" + sport;
            Path file = foyer.services().config().dataDir().resolve(DemoApplication.FILE);
            DemoApplication app = DemoApplication.ensure(foyer.services().applications(), file, sampleUrl,
                    sampleUrl + "/webhooks/foyer");
            ContosoVisits sample = ContosoVisits.start(Settings.builder()
                    .foyerUrl(URI.create(foyer.url()))
                    .clientId(app.clientId()).clientSecret(app.clientSecret()).webhookSecret(app.webhookSecret())
                    .bind(bind).port(sport)
                    .build(), Accounts.demo());
            return new Running(foyer, sample, app);
        } catch (RuntimeException e) {
            foyer.close();
            throw e;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Running running = start();
        CountDownLatch stopped = new CountDownLatch(1);
        OrderlyStop.install("foyer-demo-shutdown", () -> {
            running.close();
            stopped.countDown();
        });
        print(spec.commandLine().getOut(), running);
        stopped.await();
        return 0;
    }

    static void print(PrintWriter out, Running r) {
        out.println();
        out.println("Foyer is running at " + r.foyer().url()
                + (r.app().fresh() ? "  (registered the application '" + DemoApplication.NAME + "')" : ""));
        out.println();
        out.println("  Visitor:  " + r.sample().url() + "/");
        out.println("  Advisor:  " + r.sample().url() + "/advisor.html   (open it in another browser window)");
        out.println();
        out.println("  Demo accounts:");
        for (Accounts.DemoLogin d : Accounts.DEMO_LOGINS) {
            out.printf("    %-8s %-8s password %s%n", d.role() == Account.Role.ADVISOR ? "advisor" : "visitor",
                    d.username(), d.password());
        }
        out.println();
        out.println("Sign in as a visitor and press \"Talk to an advisor\"; the advisor sees you waiting and lets you in.");
        out.println("Ctrl-C stops both. The data and the sample's credentials stay in "
                + r.foyer().services().config().dataDir() + ".");
        out.flush();
    }

    private static int freePort(String bind) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
