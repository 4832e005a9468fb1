package dev.foyer.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The application's access token from {@code POST /oauth2/token} (client credentials, HTTP Basic),
 * fetched on first use and kept until {@link #REFRESH_MARGIN} before it expires.
 *
 * <p>At most one fetch is in flight: callers that need a token while one is being fetched wait for
 * it and share its result, success or failure.
 */
final class AccessTokens {
    /** How long before its expiry a token is replaced, so it never expires between check and use. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    /** A token and what came with it. */
    record AccessToken(String value, String applicationId, Instant refreshAt) {
        @Override
        public String toString() {
            return "AccessToken[applicationId=" + applicationId + ", refreshAt=" + refreshAt + "]";
        }
    }

    private final Transport transport;
    private final URI tokenUri;
    private final String basicCredentials;
    private final Clock clock;

    private AccessToken current; // guarded by this
    private CompletableFuture<AccessToken> inFlight; // guarded by this; null when no fetch runs

    AccessTokens(Transport transport, URI tokenUri, String clientId, String clientSecret, Clock clock) {
        this.transport = transport;
        this.tokenUri = tokenUri;
        // RFC 6749 §2.3.1: each part form-urlencoded before base64.
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        this.basicCredentials = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    /** A token that is not about to expire, fetching one if needed. */
    AccessToken get() {
        return get(null);
    }

    /**
     * A token other than {@code rejected}, which the API just refused (expired early, or its key was
     * rotated). If another caller already replaced it, that replacement is returned without a fetch.
     */
    AccessToken replace(AccessToken rejected) {
        return get(rejected);
    }

    private AccessToken get(AccessToken rejected) {
        CompletableFuture<AccessToken> future;
        boolean fetchHere = false;
        synchronized (this) {
            AccessToken token = current;
            if (token != null && token != rejected && clock.instant().isBefore(token.refreshAt())) {
                return token;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                fetchHere = true;
            }
            future = inFlight;
        }
        if (fetchHere) {
            try {
                AccessToken fetched = fetch();
                synchronized (this) {
                    current = fetched;
                    inFlight = null;
                }
                future.complete(fetched);
                return fetched;
            } catch (RuntimeException e) {
                synchronized (this) {
                    inFlight = null;
                }
                future.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private AccessToken fetch() {
        Instant requestedAt = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(transport.callTimeout())
                .header("Authorization", basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", FoyerPlatformClient.USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        Transport.Response r = transport.send(request);
        if (r.status() != 200) {
            throw Errors.from(r);
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new FoyerTransportException("unreadable response from POST /oauth2/token", e);
        }
        JsonNode value = body.path("access_token");
        JsonNode expiresIn = body.path("expires_in");
        if (!value.isTextual() || value.asText().isEmpty() || !body.path("token_type").asText().equalsIgnoreCase("Bearer")
                || !expiresIn.canConvertToLong() || expiresIn.asLong() <= 0) {
            throw new FoyerTransportException("POST /oauth2/token returned no usable bearer token", null);
        }
        Duration lifetime = Duration.ofSeconds(expiresIn.asLong());
        // Short-lived tokens (tests, odd configurations) are replaced at half-life instead.
        Duration margin = lifetime.compareTo(REFRESH_MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : REFRESH_MARGIN;
        JsonNode appId = body.path("application_id");
        return new AccessToken(value.asText(), appId.isTextual() ? appId.asText() : null,
                requestedAt.plus(lifetime).minus(margin));
    }
}
