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
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

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
        SignalingEndpoint signaling) {

    /** Wires everything; {@code config.publicUrl()} must be set (the port known). */
    public static Services wire(FoyerConfig config, Stores stores, Clock clock, MeterRegistry registry) {
        PublicUrls urls = new PublicUrls(config.publicUrl());
        WireCodec codec = new WireCodec();
        LiveSettings settings = LiveSettings.DEFAULT.withLobbyTimeout(config.lobbyTimeout())
                .withResumeGrace(config.resumeGrace()).withMaxParticipants(config.maxParticipants())
                .withMeshLimit(config.meshLimit());
        IceServers iceServers = new IceServers(config.stunUrls(), config.turnUrls(), config.turnSecret(),
                config.turnCredentialTtl());
        LiveRuntime live = new LiveRuntime(stores, settings, iceServers, codec::write, clock, urls.origin(),
                registry);
        SigningKeys keys = new SigningKeys(stores.signingKeys(), clock);
        TokenIssuer issuer = new TokenIssuer(keys, urls.base(), clock);
        TokenVerifier verifier = new TokenVerifier(keys, urls.base(), clock);
        MeetingService meetings = new MeetingService(stores.meetings(), stores.issuedTokens(), live, clock,
                config.meetingDefaultLifetime(), config.meetingMaxLifetime());
        JoinTokenService joinTokens = new JoinTokenService(meetings, issuer, stores.issuedTokens(), urls, clock,
                config.joinTokenDefaultTtl(), config.joinTokenMaxTtl());
        DiscoveryService discovery = new DiscoveryService(verifier, stores.issuedTokens(), meetings, urls, clock,
                iceServers);
        SignalingEndpoint signaling = new SignalingEndpoint(codec,
                new JoinGate(verifier, stores.issuedTokens(), stores.meetings(), urls.origin(), clock), live, clock);
        return new Services(config, clock, stores, urls, keys, issuer, verifier,
                new ApplicationService(stores.applications(), clock), new UserService(stores.users(), clock),
                meetings, joinTokens, discovery, live, signaling);
    }
}
