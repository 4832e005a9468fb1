package dev.foyer.cli;

import dev.foyer.server.app.Application;
import dev.foyer.server.app.ApplicationService;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.store.Stores;
import dev.foyer.server.config.ConfigLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Manage trusted applications (the business back-ends that call the Platform API).",
        subcommands = {AppCommand.Create.class, AppCommand.ListApps.class, AppCommand.Update.class,
            AppCommand.RotateSecret.class, AppCommand.RotateWebhookSecret.class, AppCommand.Delete.class})
final class AppCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Register an application and print its credentials (shown once; stored hashed).")
    static final class Create extends AdminCommand {
        @Option(names = "--name", required = true, description = "A unique name for the application.") String name;
        @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
                description = "Browser origin allowed by default (repeatable).") List<String> origins;
        @Option(names = "--callback-url", paramLabel = "URL", description = "Webhook callback URL.") String callbackUrl;
        @Option(names = "--allow-private-callback", description = ALLOW_PRIVATE) boolean allowPrivate;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        int run(Stores stores) {
            NewApplication created = service(stores, storage, allowPrivate)
                    .create(name, origins == null ? List.of() : origins, callbackUrl);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("appId", created.application().id().value());
            out.put("name", created.application().name());
            out.put("clientId", created.application().clientId());
            out.put("clientSecret", created.clientSecret());
            out.put("webhookSecret", created.webhookSecret());
            Output.print(out(), json, out);
            if (!json) {
                out().println("Keep the secrets now: they are not shown again.");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List applications.")
    static final class ListApps extends AdminCommand {
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        int run(Stores stores) {
            List<Map<String, Object>> rows = stores.applications().list().stream().map(AppCommand::row).toList();
            Output.printRows(out(), json, rows);
            return 0;
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Issue a new client secret; the old one stops working at once.")
    static final class RotateSecret extends AdminCommand {
        @Parameters(paramLabel = "APP", description = "Application id or name.") String app;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        int run(Stores stores) {
            ApplicationService apps = new ApplicationService(stores.applications(), Clock.systemUTC());
            Application a = apps.require(app);
            String secret = apps.rotateSecret(app);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("appId", a.id().value());
            out.put("clientId", a.clientId());
            out.put("clientSecret", secret);
            Output.print(out(), json, out);
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change an application's webhook callback URL or its allowed origins.")
    static final class Update extends AdminCommand {
        @Parameters(paramLabel = "APP", description = "Application id or name.") String app;
        @Option(names = "--callback-url", paramLabel = "URL", description = "New webhook callback URL.")
        String callbackUrl;
        @Option(names = "--no-callback-url", description = "Remove the callback URL: events are kept, not sent.")
        boolean noCallbackUrl;
        @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
                description = "Replace the allowed origins with these (repeatable).") List<String> origins;
        @Option(names = "--allow-private-callback", description = ALLOW_PRIVATE) boolean allowPrivate;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        void check() {
            if (callbackUrl != null && noCallbackUrl) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--callback-url and --no-callback-url exclude each other");
            }
        }

        @Override
        int run(Stores stores) {
            Application updated = service(stores, storage, allowPrivate).update(app, origins, callbackUrl,
                    noCallbackUrl);
            Output.print(out(), json, row(updated));
            return 0;
        }
    }

    @Command(name = "rotate-webhook-secret", mixinStandardHelpOptions = true,
            description = "Issue a new webhook secret; the old one keeps signing (a second v1=) during the overlap.")
    static final class RotateWebhookSecret extends AdminCommand {
        @Parameters(paramLabel = "APP", description = "Application id or name.") String app;
        @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "24h",
                description = "How long the old secret still signs: 90s, 15m, 24h, 7d, or 0 (default 24h).")
        String overlap;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        private Duration window;

        @Override
        void check() {
            try {
                window = overlap.trim().equals("0") ? Duration.ZERO : ConfigLoader.duration(overlap);
            } catch (RuntimeException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--overlap: not a duration: " + overlap);
            }
        }

        @Override
        int run(Stores stores) {
            ApplicationService.RotatedWebhookSecret rotated = service(stores, storage, false)
                    .rotateWebhookSecret(app, window);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("appId", rotated.application().id().value());
            out.put("webhookSecret", rotated.webhookSecret());
            out.put("previousSecretValidUntil",
                    rotated.previousValidUntil() == null ? null : rotated.previousValidUntil().toString());
            Output.print(out(), json, out);
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an application and its meetings; its tokens stop working.")
    static final class Delete extends AdminCommand {
        @Parameters(paramLabel = "APP", description = "Application id or name.") String app;

        @Override
        int run(Stores stores) {
            Application deleted = new ApplicationService(stores.applications(), Clock.systemUTC()).delete(app);
            out().println("deleted " + deleted.id() + " (" + deleted.name() + ")");
            return 0;
        }
    }

    private static final String ALLOW_PRIVATE = "Accept a loopback or private-network callback URL (development; "
            + "the server must run with --webhooks-allow-private to deliver to it).";

    /** Private callbacks are accepted with the flag, or when the configuration allows them. */
    private static ApplicationService service(Stores stores, StorageOptions storage, boolean allowPrivate) {
        boolean allowed = allowPrivate || storage.builder().build().webhooksAllowPrivate();
        return new ApplicationService(stores.applications(), Clock.systemUTC(), allowed);
    }

    private static Map<String, Object> row(Application a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appId", a.id().value());
        m.put("name", a.name());
        m.put("clientId", a.clientId());
        m.put("allowedOrigins", a.allowedOrigins());
        m.put("callbackUrl", a.callbackUrl());
        m.put("createdAt", a.createdAt().toString());
        return m;
    }
}
