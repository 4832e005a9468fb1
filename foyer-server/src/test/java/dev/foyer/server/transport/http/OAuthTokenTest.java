package dev.foyer.server.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.app.NewApplication;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /oauth2/token} per RFC 6749 §4.4 and §5.2, and the JWKS that verifies its tokens. */
class OAuthTokenTest {
    private static TestServer server;
    private static Api api;
    private static NewApplication app;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
        api = server.api();
        app = server.createApp("oauth-test");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String clientId() {
        return app.application().clientId();
    }

    @Test
    void basicAuthenticationIssuesABearerTokenThatIsNotCached() {
        Api.Response r = api.postForm("/oauth2/token", "grant_type=client_credentials",
                "Authorization", Api.basic(clientId(), app.clientSecret()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(r.json().get("access_token").asText().split("\\.")).hasSize(3);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void wrongSecretIsInvalidClientWithBasicChallenge() {
        Api.Response r = api.postForm("/oauth2/token", "grant_type=client_credentials",
                "Authorization", Api.basic(clientId(), "fcs_wrong"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void unknownClientInFormIsInvalidClient() {
        Api.Response r = api.postForm("/oauth2/token",
                "grant_type=client_credentials&client_id=fci_nobody&client_secret=x");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(r.json().get("error_description").asText()).isNotBlank();
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        Api.Response r = api.postForm("/oauth2/token", "grant_type=password&username=a&password=b",
                "Authorization", Api.basic(clientId(), app.clientSecret()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void missingGrantTypeTwoAuthMethodsRepeatedParametersAndJsonAreInvalidRequests() {
        assertThat(api.postForm("/oauth2/token", "", "Authorization", Api.basic(clientId(), app.clientSecret()))
                .json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(api.postForm("/oauth2/token", "grant_type=client_credentials&client_id=" + clientId(),
                "Authorization", Api.basic(clientId(), app.clientSecret())).json().get("error").asText())
                .isEqualTo("invalid_request");
        assertThat(api.postForm("/oauth2/token", "grant_type=client_credentials&grant_type=client_credentials",
                "Authorization", Api.basic(clientId(), app.clientSecret())).json().get("error").asText())
                .isEqualTo("invalid_request");
        Api.Response json = api.post("/oauth2/token", "{\"grant_type\":\"client_credentials\"}");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void jwksPublishesPublicKeysOnly() {
        Api.Response r = api.get("/.well-known/jwks.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("keys")).isNotEmpty();
        assertThat(r.json().get("keys").get(0).get("kid").asText()).isNotBlank();
        assertThat(r.json().get("keys").get(0).get("alg").asText()).isEqualTo("ES256");
        assertThat(r.json().get("keys").get(0).has("d")).isFalse();
    }

    @Test
    void rotatedSecretReplacesTheOldOne() {
        NewApplication rotating = server.createApp("rotating");
        String fresh = server.server().services().applications().rotateSecret("rotating");
        assertThat(api.postForm("/oauth2/token", "grant_type=client_credentials",
                "Authorization", Api.basic(rotating.application().clientId(), rotating.clientSecret())).status())
                .isEqualTo(401);
        assertThat(api.postForm("/oauth2/token", "grant_type=client_credentials",
                "Authorization", Api.basic(rotating.application().clientId(), fresh)).status()).isEqualTo(200);
    }
}
