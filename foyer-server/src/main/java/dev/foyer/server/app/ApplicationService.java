package dev.foyer.server.app;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.secret.Secrets;
import dev.foyer.server.store.ApplicationStore;
import dev.foyer.server.web.Origins;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Registers trusted applications and checks their client credentials. */
public final class ApplicationService {
    private final ApplicationStore store;
    private final Clock clock;

    public ApplicationService(ApplicationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public NewApplication create(String name, List<String> allowedOrigins, String callbackUrl) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw FoyerException.invalidField("name", "1 to 100 characters");
        }
        List<String> origins = Origins.parseAll("allowedOrigins", allowedOrigins);
        String clientSecret = Secrets.newSecret("fcs_");
        String webhookSecret = Secrets.newSecret("whs_");
        Application app = new Application(AppId.random(), name.trim(), newClientId(), Secrets.hash(clientSecret),
                origins, validCallbackUrl(callbackUrl), webhookSecret, clock.instant());
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

    private static String validCallbackUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(raw.trim());
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw FoyerException.invalidField("callbackUrl", "must be an absolute http(s) URL");
    }
}
