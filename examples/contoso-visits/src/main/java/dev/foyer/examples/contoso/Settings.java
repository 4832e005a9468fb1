package dev.foyer.examples.contoso;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * How Contoso Visits reaches Foyer and where it listens. The Foyer credentials stay on the
 * server: no page, cookie or response of the app carries them.
 */
public final class Settings {
    final URI foyerUrl;
    final String clientId;
    final String clientSecret;
    final String webhookSecret;
    final String bind;
    final int port;
    final URI publicUrl;
    final Clock clock;
    final int visitsPerWindow;

    private Settings(Builder b) {
        this.foyerUrl = Objects.requireNonNull(b.foyerUrl, "foyerUrl == null");
        this.clientId = Objects.requireNonNull(b.clientId, "clientId == null");
        this.clientSecret = Objects.requireNonNull(b.clientSecret, "clientSecret == null");
        this.webhookSecret = Objects.requireNonNull(b.webhookSecret, "webhookSecret == null");
        this.bind = b.bind;
        this.port = b.port;
        this.publicUrl = b.publicUrl;
        this.clock = b.clock;
        this.visitsPerWindow = b.visitsPerWindow;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code FOYER_URL}, {@code FOYER_CLIENT_ID}, {@code FOYER_CLIENT_SECRET},
     * {@code FOYER_WEBHOOK_SECRET}, and optionally {@code CONTOSO_PORT} and {@code CONTOSO_PUBLIC_URL}.
     */
    public static Settings fromEnvironment() {
        Builder b = builder()
                .foyerUrl(URI.create(env("FOYER_URL", "http://127.0.0.1:8080")))
                .clientId(env("FOYER_CLIENT_ID", null))
                .clientSecret(env("FOYER_CLIENT_SECRET", null))
                .webhookSecret(env("FOYER_WEBHOOK_SECRET", null))
                .port(Integer.parseInt(env("CONTOSO_PORT", "8081")));
        String publicUrl = env("CONTOSO_PUBLIC_URL", null);
        return (publicUrl == null ? b : b.publicUrl(URI.create(publicUrl))).build();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        if ((v == null || v.isBlank()) && fallback == null) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Configures {@link Settings}; the Foyer URL and the three secrets are required. */
    public static final class Builder {
        private URI foyerUrl;
        private String clientId;
        private String clientSecret;
        private String webhookSecret;
        private String bind = "127.0.0.1";
        private int port = 8081;
        private URI publicUrl;
        private Clock clock = Clock.systemUTC();
        private int visitsPerWindow = 5;

        private Builder() {}

        /** Foyer's base URL, as this server reaches it and as browsers do (the SDK is loaded from it). */
        public Builder foyerUrl(URI foyerUrl) {
            this.foyerUrl = foyerUrl;
            return this;
        }

        /** The application's client id ({@code fci_…}). */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The application's client secret ({@code fcs_…}). */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /** The application's webhook secret ({@code whs_…}). */
        public Builder webhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
            return this;
        }

        /** Listening address (default 127.0.0.1). */
        public Builder bind(String bind) {
            this.bind = Objects.requireNonNull(bind, "bind == null");
            return this;
        }

        /** Listening port (default 8081; 0 picks a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The URL browsers use (default {@code http://<bind>:<port>}); its origin is what tokens allow. */
        public Builder publicUrl(URI publicUrl) {
            this.publicUrl = publicUrl;
            return this;
        }

        /** Times sessions and the visit rate limit. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** Visit requests a visitor may make per 10 minutes (default 5). */
        public Builder visitsPerWindow(int visitsPerWindow) {
            if (visitsPerWindow < 1) {
                throw new IllegalArgumentException("visitsPerWindow < 1: " + visitsPerWindow);
            }
            this.visitsPerWindow = visitsPerWindow;
            return this;
        }

        public Settings build() {
            return new Settings(this);
        }
    }
}
