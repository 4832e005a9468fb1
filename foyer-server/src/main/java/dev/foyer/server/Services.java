package dev.foyer.server;

import dev.foyer.server.app.ApplicationService;
import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.discovery.DiscoveryService;
import dev.foyer.server.discovery.IceServers;
import dev.foyer.server.join.JoinTokenService;
import dev.foyer.server.live.LiveSettings;
import dev.foyer.server.live.runtime.JoinGate;
import dev.foyer.server.live.runtime.LiveRuntime;
import dev.foyer.server.meeting.MeetingService;
import dev.foyer.server.store.Stores;
import dev.foyer.server.token.SigningKeys;
import dev.foyer.server.token.TokenIssuer;
import dev.foyer.server.token.TokenVerifier;
import dev.foyer.server.user.UserService;
import dev.foyer.server.transport.ws.SignalingEndpoint;
import dev.foyer.server.transport.ws.WireCodec;
import dev.foyer.server.web.PublicUrls;
import dev.foyer.server.webhook.WebhookDispatcher;
import dev.foyer.server.webhook.WebhookOutbox;
import dev.foyer.server.webhook.WebhookService;
import dev.foyer.server.webhook.WebhookSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/** The server's object graph, wired once from its configuration and storage. */
public record Services(
        FoyerConfig config,
        Clock clock,
        Stores stores,
        PublicUrls urls,
        SigningKeys signingKeys,
        TokenIssuer tokenIssuer,
        TokenVerifier tokenVerifier,
        ApplicationService applications,
        UserService users,
        MeetingService meetings,
        JoinTokenService joinTokens,
        DiscoveryService discovery,
        LiveRuntime live,
        SignalingEndpoint signaling,
        WebhookDispatcher webhookDispatcher,
        WebhookService webhooks) {

    /** Delay after a webhook's first failure; it doubles per failure up to {@link #WEBHOOK_BACKOFF_CAP}. */
    public static final Duration WEBHOOK_BACKOFF_BASE = Duration.ofSeconds(1);
    public static final Duration WEBHOOK_BACKOFF_CAP = Duration.ofMinutes(10);
    public static final int WEBHOOK_WORKERS = 4;

    /** Wires everything; {@code config.publicUrl()} must be set (the port known). */
    public static Services wire(FoyerConfig config, Stores stores, Clock clock, MeterRegistry registry) {
        PublicUrls urls = new PublicUrls(config.publicUrl());
        WireCodec codec = new WireCodec();
        LiveSettings settings = LiveSettings.DEFAULT.withLobbyTimeout(config.lobbyTimeout())
                .withResumeGrace(config.resumeGrace()).withMaxParticipants(config.maxParticipants())
                .withMeshLimit(config.meshLimit());
        IceServers iceServers = new IceServers(config.stunUrls(), config.turnUrls(), config.turnSecret(),
                config.turnCredentialTtl());
        WebhookSettings hooks = new WebhookSettings(config.webhookTimeout(), config.webhookRetryHorizon(),
                WEBHOOK_BACKOFF_BASE, WEBHOOK_BACKOFF_CAP, config.webhooksAllowPrivate(), WEBHOOK_WORKERS);
        WebhookDispatcher dispatcher = new WebhookDispatcher(stores, hooks, clock);
        WebhookOutbox outbox = new WebhookOutbox(stores, clock);
        outbox.onCommit(dispatcher::nudge);
        LiveRuntime live = new LiveRuntime(stores, settings, iceServers, codec::writeUtf8, clock, urls.origin(),
                registry, outbox, config.rosterDelay(), config.rosterInterval(), config.chatInterval());
        SigningKeys keys = new SigningKeys(stores.signingKeys(), clock);
        TokenVerifier verifier = new TokenVerifier(keys, urls.base(), clock);
        TokenIssuer issuer = new TokenIssuer(keys, urls.base(), clock, verifier);
        MeetingService meetings = new MeetingService(stores, outbox, live, clock,
                config.meetingDefaultLifetime(), config.meetingMaxLifetime());
        JoinTokenService joinTokens = new JoinTokenService(meetings, issuer, stores.issuedTokens(), urls, clock,
                config.joinTokenDefaultTtl(), config.joinTokenMaxTtl(), registry);
        DiscoveryService discovery = new DiscoveryService(verifier, stores.issuedTokens(), meetings, urls, clock,
                iceServers);
        SignalingEndpoint signaling = new SignalingEndpoint(codec,
                new JoinGate(verifier, stores.issuedTokens(), stores.meetings(), urls.origin(), clock, registry), live,
                clock, config.signalingIdleTimeout());
        return new Services(config, clock, stores, urls, keys, issuer, verifier,
                new ApplicationService(stores.applications(), clock, config.webhooksAllowPrivate()),
                new UserService(stores.users(), clock), meetings, joinTokens, discovery, live, signaling, dispatcher,
                new WebhookService(stores.webhooks(), live, clock, dispatcher::nudge));
    }
}
