package dev.foyer.server.app;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.secret.Secrets;
import dev.foyer.server.store.ApplicationStore;
import dev.foyer.server.web.Origins;
import dev.foyer.server.webhook.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Registers trusted applications and checks their client credentials. */
public final class ApplicationService {
    private final ApplicationStore store;
    private final Clock clock;
    private final boolean allowPrivateCallbacks;

    public ApplicationService(ApplicationStore store, Clock clock) {
        this(store, clock, false);
    }

    /** @param allowPrivateCallbacks accept loopback and private-network callback URLs (development) */
    public ApplicationService(ApplicationStore store, Clock clock, boolean allowPrivateCallbacks) {
        this.store = store;
        this.clock = clock;
        this.allowPrivateCallbacks = allowPrivateCallbacks;
    }

    public NewApplication create(String name, List<String> allowedOrigins, String callbackUrl) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw FoyerException.invalidField("name", "1 to 100 characters");
        }
        List<String> origins = Origins.parseAll("allowedOrigins", allowedOrigins);
        String clientSecret = Secrets.newSecret("fcs_");
        String webhookSecret = Secrets.newSecret("whs_");
        Application app = new Application(AppId.random(), name.trim(), newClientId(), Secrets.hash(clientSecret),
                origins, CallbackUrls.validate(callbackUrl, allowPrivateCallbacks), webhookSecret, clock.instant());
        store.insert(app);
        return new NewApplication(app, clientSecret, webhookSecret);
    }

    /** The application whose client credentials these are; {@code invalid_client} otherwise. */
    public Application authenticate(String clientId, String clientSecret) {
        Optional<Application> app = clientId == null ? Optional.empty() : store.findByClientId(clientId);
        // Hash even for an unknown client so that timing does not reveal which client ids exist.
        String hash = app.map(Application::clientSecretHash).orElse(Secrets.hash("unknown-client"));
        if (!Secrets.matches(clientSecret, hash) || app.isEmpty()) {
            throw new FoyerException(ErrorCode.UNAUTHENTICATED, "unknown client or wrong client secret");
        }
        return app.get();
    }

    public Optional<Application> find(AppId id) {
        return store.find(id);
    }

    public List<Application> list() {
        return store.list();
    }

    /** Issues a new client secret; the old one stops working at once. Returns the new secret. */
    public String rotateSecret(String idOrName) {
        Application app = require(idOrName);
        String secret = Secrets.newSecret("fcs_");
        store.updateClientSecretHash(app.id(), Secrets.hash(secret));
        return secret;
    }

    /**
     * Changes the application's settings: {@code allowedOrigins} when non-null; the callback URL
     * when {@code callbackUrl} is non-null, or removes it when {@code removeCallback}.
     */
    public Application update(String idOrName, List<String> allowedOrigins, String callbackUrl,
            boolean removeCallback) {
        Application app = require(idOrName);
        if (removeCallback && callbackUrl != null) {
            throw FoyerException.invalidField("callbackUrl", "give a callback URL or remove it, not both");
        }
        List<String> origins = allowedOrigins == null ? app.allowedOrigins()
                : Origins.parseAll("allowedOrigins", allowedOrigins);
        String callback = removeCallback ? null
                : callbackUrl != null ? requireCallback(callbackUrl) : app.callbackUrl();
        store.updateSettings(app.id(), origins, callback);
        return require(app.id().value());
    }

    /**
     * Issues a new webhook secret. The old one keeps signing, as a second {@code v1=}, for
     * {@code overlap} (zero: it stops at once), so receivers can switch without losing events.
     */
    public RotatedWebhookSecret rotateWebhookSecret(String idOrName, Duration overlap) {
        Application app = require(idOrName);
        if (overlap.isNegative()) {
            throw FoyerException.invalidField("overlap", "must not be negative");
        }
        String secret = Secrets.newSecret("whs_");
        Instant until = overlap.isZero() ? null : clock.instant().plus(overlap);
        store.updateWebhookSecret(app.id(), secret, until == null ? null : app.webhookSecret(), until);
        return new RotatedWebhookSecret(app, secret, until);
    }

    /** A new webhook secret, and until when the previous one still signs (null: not at all). */
    public record RotatedWebhookSecret(Application application, String webhookSecret, Instant previousValidUntil) {}

    public Application delete(String idOrName) {
        Application app = require(idOrName);
        store.delete(app.id());
        return app;
    }

    public Application require(String idOrName) {
        return store.findByIdOrName(idOrName).orElseThrow(() -> FoyerException.notFound("application " + idOrName));
    }

    private static String newClientId() {
        return "fci_" + Secrets.randomBase32(20).toLowerCase(Locale.ROOT);
    }

    private String requireCallback(String raw) {
        String url = CallbackUrls.validate(raw, allowPrivateCallbacks);
        if (url == null) {
            throw FoyerException.invalidField("callbackUrl", "must be an absolute http(s) URL");
        }
        return url;
    }
}
