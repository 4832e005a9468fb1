package dev.foyer.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the server can be told at start-up, with the defaults documented in
 * {@code docs/configuration.md}. Immutable; build with {@link #newBuilder()}.
 *
 * @param publicUrl base of every URL the server hands out (join URLs, discovery URIs); when null,
 *     {@code http://<bind>:<port>} once the port is known
 * @param httpThreads most threads Jetty runs requests and WebSocket frames on; at least
 *     {@link #MIN_HTTP_THREADS}
 */
public record FoyerConfig(
        String bind,
        int port,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        URI publicUrl,
        Duration accessTokenTtl,
        Duration joinTokenDefaultTtl,
        Duration joinTokenMaxTtl,
        Duration meetingDefaultLifetime,
        Duration meetingMaxLifetime,
        int maxBodyBytes,
        int anonymousTokensPerMinutePerIp,
        List<String> stunUrls,
        List<String> turnUrls,
        String turnSecret,
        Duration turnCredentialTtl,
        Duration lobbyTimeout,
        Duration resumeGrace,
        int maxParticipants,
        boolean webhooksAllowPrivate,
        Duration webhookRetryHorizon,
        Duration webhookTimeout,
        Duration webhookRetention,
        Duration tokenRetention,
        int meshLimit,
        int httpThreads,
        Duration rosterDelay,
        Duration rosterInterval,
        Duration chatInterval,
        Duration signalingIdleTimeout) {

    /** A roster change waits at most this long for company; longer would show as a stale roster. */
    public static final Duration MAX_ROSTER_DELAY = Duration.ofSeconds(1);

    /** The longest a meeting's next batch may wait after a commit of chat: a line's added latency. */
    public static final Duration MAX_CHAT_INTERVAL = Duration.ofSeconds(1);

    /** The signaling socket pings every third of its idle timeout, at most once a second. */
    public static final Duration MIN_SIGNALING_IDLE_TIMEOUT = Duration.ofSeconds(3);

    /** Below this Jetty may not have threads left for its selector and for requests. */
    public static final int MIN_HTTP_THREADS = 16;

    /**
     * The default of {@link #httpThreads}: 8 per core, at least 32. Requests wait on the database
     * pool (10 connections) or on a core, so more threads than that add waiting, not work: on 2
     * cores, 32 instead of Jetty's usual 250 cost the server 7-10% less CPU per join in a join storm
     * (docs/performance.md, item 21).
     */
    public static int defaultHttpThreads() {
        return Math.max(32, 8 * Runtime.getRuntime().availableProcessors());
    }

    public FoyerConfig {
        Objects.requireNonNull(bind, "bind == null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (httpThreads < MIN_HTTP_THREADS) {
            throw new IllegalArgumentException("http-threads must be at least " + MIN_HTTP_THREADS + ": " + httpThreads);
        }
        if (rosterDelay.isNegative() || rosterDelay.compareTo(MAX_ROSTER_DELAY) > 0) {
            throw new IllegalArgumentException("roster-delay must be between 0 and " + MAX_ROSTER_DELAY.toMillis()
                    + "ms: " + rosterDelay.toMillis() + "ms");
        }
        if (rosterInterval.isNegative() || rosterInterval.compareTo(MAX_ROSTER_DELAY) > 0) {
            throw new IllegalArgumentException("roster-interval must be between 0 and " + MAX_ROSTER_DELAY.toMillis()
                    + "ms: " + rosterInterval.toMillis() + "ms");
        }
        if (chatInterval.isNegative() || chatInterval.compareTo(MAX_CHAT_INTERVAL) > 0) {
            throw new IllegalArgumentException("chat-interval must be between 0 and " + MAX_CHAT_INTERVAL.toMillis()
                    + "ms: " + chatInterval.toMillis() + "ms");
        }
        if (signalingIdleTimeout.compareTo(MIN_SIGNALING_IDLE_TIMEOUT) < 0) {
            throw new IllegalArgumentException("signaling-idle-timeout must be at least "
                    + MIN_SIGNALING_IDLE_TIMEOUT.toSeconds() + "s: " + signalingIdleTimeout.toMillis() + "ms");
        }
        if (webhookRetention.isNegative() || tokenRetention.isNegative()) {
            throw new IllegalArgumentException("webhook-retention and token-retention must not be negative");
        }
        if (meshLimit < 2) {
            throw new IllegalArgumentException("meshLimit must be at least 2: " + meshLimit);
        }
        Objects.requireNonNull(dataDir, "dataDir == null");
        stunUrls = List.copyOf(stunUrls);
        turnUrls = List.copyOf(turnUrls);
    }

    /** Whether storage is the embedded H2 file database under {@link #dataDir()}. */
    public boolean embeddedDatabase() {
        return databaseUrl == null || databaseUrl.isBlank();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.bind = bind;
        b.port = port;
        b.dataDir = dataDir;
        b.databaseUrl = databaseUrl;
        b.databaseUser = databaseUser;
        b.databasePassword = databasePassword;
        b.publicUrl = publicUrl;
        b.accessTokenTtl = accessTokenTtl;
        b.joinTokenDefaultTtl = joinTokenDefaultTtl;
        b.joinTokenMaxTtl = joinTokenMaxTtl;
        b.meetingDefaultLifetime = meetingDefaultLifetime;
        b.meetingMaxLifetime = meetingMaxLifetime;
        b.maxBodyBytes = maxBodyBytes;
        b.anonymousTokensPerMinutePerIp = anonymousTokensPerMinutePerIp;
        b.stunUrls = stunUrls;
        b.turnUrls = turnUrls;
        b.turnSecret = turnSecret;
        b.turnCredentialTtl = turnCredentialTtl;
        b.lobbyTimeout = lobbyTimeout;
        b.resumeGrace = resumeGrace;
        b.maxParticipants = maxParticipants;
        b.webhooksAllowPrivate = webhooksAllowPrivate;
        b.webhookRetryHorizon = webhookRetryHorizon;
        b.webhookTimeout = webhookTimeout;
        b.webhookRetention = webhookRetention;
        b.tokenRetention = tokenRetention;
        b.meshLimit = meshLimit;
        b.httpThreads = httpThreads;
        b.rosterDelay = rosterDelay;
        b.rosterInterval = rosterInterval;
        b.chatInterval = chatInterval;
        b.signalingIdleTimeout = signalingIdleTimeout;
        return b;
    }

    /** Builder with every default set. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port = 8080;
        private Path dataDir = Path.of("foyer-data");
        private String databaseUrl;
        private String databaseUser;
        private String databasePassword;
        private URI publicUrl;
        private Duration accessTokenTtl = Duration.ofHours(1);
        private Duration joinTokenDefaultTtl = Duration.ofHours(1);
        private Duration joinTokenMaxTtl = Duration.ofHours(8);
        private Duration meetingDefaultLifetime = Duration.ofHours(8);
        private Duration meetingMaxLifetime = Duration.ofDays(30);
        private int maxBodyBytes = 64 * 1024;
        private int anonymousTokensPerMinutePerIp = 20;
        private List<String> stunUrls = List.of();
        private List<String> turnUrls = List.of();
        private String turnSecret;
        private Duration turnCredentialTtl = Duration.ofHours(8);
        private Duration lobbyTimeout = Duration.ofMinutes(15);
        private Duration resumeGrace = Duration.ofSeconds(30);
        private int maxParticipants = 2000;
        private boolean webhooksAllowPrivate;
        private Duration webhookRetryHorizon = Duration.ofHours(24);
        private Duration webhookTimeout = Duration.ofSeconds(10);
        private Duration webhookRetention = Duration.ofDays(7);
        private Duration tokenRetention = Duration.ofDays(7);
        private int meshLimit = 8;
        private int httpThreads = defaultHttpThreads();
        private Duration rosterDelay = Duration.ofMillis(50);
        private Duration rosterInterval = Duration.ofMillis(250);
        private Duration chatInterval = Duration.ofMillis(20);
        private Duration signalingIdleTimeout = Duration.ofSeconds(45);

        public Builder bind(String v) { bind = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder databaseUrl(String v) { databaseUrl = v; return this; }
        public Builder databaseUser(String v) { databaseUser = v; return this; }
        public Builder databasePassword(String v) { databasePassword = v; return this; }
        public Builder publicUrl(URI v) { publicUrl = v; return this; }
        public Builder accessTokenTtl(Duration v) { accessTokenTtl = v; return this; }
        public Builder joinTokenDefaultTtl(Duration v) { joinTokenDefaultTtl = v; return this; }
        public Builder joinTokenMaxTtl(Duration v) { joinTokenMaxTtl = v; return this; }
        public Builder meetingDefaultLifetime(Duration v) { meetingDefaultLifetime = v; return this; }
        public Builder meetingMaxLifetime(Duration v) { meetingMaxLifetime = v; return this; }
        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }
        public Builder anonymousTokensPerMinutePerIp(int v) { anonymousTokensPerMinutePerIp = v; return this; }
        public Builder stunUrls(List<String> v) { stunUrls = v; return this; }
        public Builder turnUrls(List<String> v) { turnUrls = v; return this; }
        public Builder turnSecret(String v) { turnSecret = v; return this; }
        public Builder turnCredentialTtl(Duration v) { turnCredentialTtl = v; return this; }
        public Builder lobbyTimeout(Duration v) { lobbyTimeout = v; return this; }
        public Builder resumeGrace(Duration v) { resumeGrace = v; return this; }
        public Builder maxParticipants(int v) { maxParticipants = v; return this; }
        public Builder webhooksAllowPrivate(boolean v) { webhooksAllowPrivate = v; return this; }
        public Builder webhookRetryHorizon(Duration v) { webhookRetryHorizon = v; return this; }
        public Builder webhookTimeout(Duration v) { webhookTimeout = v; return this; }
        public Builder webhookRetention(Duration v) { webhookRetention = v; return this; }
        public Builder tokenRetention(Duration v) { tokenRetention = v; return this; }
        public Builder meshLimit(int v) { meshLimit = v; return this; }
        public Builder httpThreads(int v) { httpThreads = v; return this; }
        public Builder rosterDelay(Duration v) { rosterDelay = v; return this; }
        public Builder rosterInterval(Duration v) { rosterInterval = v; return this; }
        public Builder chatInterval(Duration v) { chatInterval = v; return this; }
        public Builder signalingIdleTimeout(Duration v) { signalingIdleTimeout = v; return this; }

        public FoyerConfig build() {
            return new FoyerConfig(bind, port, dataDir, databaseUrl, databaseUser, databasePassword, publicUrl,
                    accessTokenTtl, joinTokenDefaultTtl, joinTokenMaxTtl, meetingDefaultLifetime,
                    meetingMaxLifetime, maxBodyBytes, anonymousTokensPerMinutePerIp, stunUrls, turnUrls,
                    turnSecret, turnCredentialTtl, lobbyTimeout, resumeGrace, maxParticipants, webhooksAllowPrivate,
                    webhookRetryHorizon, webhookTimeout, webhookRetention, tokenRetention, meshLimit, httpThreads,
                    rosterDelay, rosterInterval, chatInterval, signalingIdleTimeout);
        }
    }
}
