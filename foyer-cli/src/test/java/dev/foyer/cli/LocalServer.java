package dev.foyer.cli;

import dev.foyer.server.FoyerServer;
import dev.foyer.server.config.FoyerConfig;
import dev.foyer.server.testing.Api;
import java.nio.file.Path;

/** A Foyer server in this JVM on the data directory the test also hands to the CLI. */
final class LocalServer implements AutoCloseable {
    private final FoyerServer server;
    private final Api api;

    private LocalServer(FoyerServer server) {
        this.server = server;
        this.api = new Api(server.url());
    }

    static LocalServer start(Path dataDir) {
        return new LocalServer(FoyerServer.start(
                FoyerConfig.newBuilder().dataDir(dataDir).port(0).bind("127.0.0.1").build()));
    }

    FoyerServer server() {
        return server;
    }

    Api api() {
        return api;
    }

    /** {@code POST /oauth2/token} with client credentials. */
    static Api.Response requestToken(Api api, String clientId, String clientSecret) {
        return api.postForm("/oauth2/token", "grant_type=client_credentials",
                "Authorization", Api.basic(clientId, clientSecret));
    }

    /** An access token for the client; fails the test when the server refuses. */
    String accessToken(String clientId, String clientSecret) {
        Api.Response r = requestToken(api, clientId, clientSecret);
        if (r.status() != 200) {
            throw new AssertionError("token request failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    static String platformBase(String appId) {
        return "/platformservice/v1/applications/" + appId;
    }

    @Override
    public void close() {
        server.close();
    }
}
