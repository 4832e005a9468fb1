package dev.foyer.cli;

import dev.foyer.server.FoyerServer;
import dev.foyer.server.config.FoyerConfig;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Foyer server (embedded database under --data unless --database-url is given).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StorageOptions storage;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
    String bind;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Base URL clients use to reach this server (default http://<bind>:<port>).")
    URI publicUrl;

    @Option(names = "--stun-url", paramLabel = "URL", description = "STUN server for clients (repeatable).")
    List<String> stunUrls;

    @Option(names = "--turn-url", paramLabel = "URL", description = "TURN server for clients (repeatable).")
    List<String> turnUrls;

    @Option(names = "--turn-secret", paramLabel = "SECRET",
            description = "coturn static-auth-secret, to hand out time-limited TURN credentials (env FOYER_TURN_SECRET).")
    String turnSecret;

    @Option(names = "--webhooks-allow-private",
            description = "Deliver webhooks to loopback and private-network addresses (development and tests).")
    boolean webhooksAllowPrivate;

    /** The server's configuration: defaults, then the config file, the environment, and these flags. */
    FoyerConfig config() {
        FoyerConfig.Builder b = storage.builder();
        if (port != null) {
            b.port(port);
        }
        if (bind != null) {
            b.bind(bind);
        }
        if (publicUrl != null) {
            b.publicUrl(publicUrl);
        }
        if (stunUrls != null) {
            b.stunUrls(stunUrls);
        }
        if (turnUrls != null) {
            b.turnUrls(turnUrls);
        }
        if (webhooksAllowPrivate) {
            b.webhooksAllowPrivate(true);
        }
        String secret = turnSecret != null ? turnSecret : System.getenv("FOYER_TURN_SECRET");
        if (secret != null) {
            b.turnSecret(secret);
        }
        return b.build();
    }

    @Override
    public Integer call() throws InterruptedException {
        FoyerServer server = FoyerServer.start(config());
        CountDownLatch stopped = new CountDownLatch(1);
        OrderlyStop.install("foyer-shutdown", () -> {
            server.close();
            stopped.countDown();
        });
        System.out.println("Foyer is running at " + server.url() + "  (Ctrl-C to stop)");
        System.out.println("Next: ./foyer app create --name my-backend   or   ./foyer user create alice");
        stopped.await();
        return 0;
    }
}
