package dev.foyer.server.transport.http;

import static dev.foyer.server.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.user.NewUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The meeting URL: content negotiation, the credential-free anonymous token, its rate limit and CORS. */
class MeetingUrlTest {
    private static TestServer server;
    private static Api api;
    private static NewUser bob;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
        api = server.api();
        bob = server.createUser("bob");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode schedule(String body) {
        Api.Response r = api.post("/api/v1/me/onlineMeetings", body, "Authorization", bearer(bob.token()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Test
    void browsersGetThePageAndTheSdkGetsJson() {
        JsonNode m = schedule("{\"subject\":\"<script>alert(1)</script>\"}");
        String url = m.get("joinUrl").asText();
        Api.Response html = api.get(url, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.body()).contains("&lt;script&gt;").doesNotContain("<script>alert");
        Api.Response json = api.get(url, "Accept", "application/json");
        assertThat(json.json().get("subject").asText()).isEqualTo("<script>alert(1)</script>");
        assertThat(json.json().get("accessLevel").asText()).isEqualTo("Everyone");
        assertThat(json.json().get("anonymousTokenUri").asText()).isEqualTo(url + "/anonymousToken");
    }

    @Test
    void theOrganizerSegmentMustMatch() {
        JsonNode m = schedule("{\"subject\":\"segment\"}");
        Api.Response r = api.get("/meet/mallory/" + m.get("onlineMeetingId").asText(), "Accept", "application/json");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("meeting_not_found");
    }

    @Test
    void invitedAndLockedMeetingsRefuseAnonymousTokens() {
        for (String level : new String[] {"Invited", "Locked"}) {
            JsonNode m = schedule("{\"subject\":\"private\",\"accessLevel\":\"" + level + "\"}");
            String url = m.get("joinUrl").asText();
            assertThat(api.get(url, "Accept", "application/json").json().get("anonymousJoin").asBoolean()).isFalse();
            Api.Response r = api.send("POST", url + "/anonymousToken", null);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("anonymous_join_not_allowed");
        }
    }

    @Test
    void anEndedMeetingIsGone() {
        JsonNode m = schedule("{\"subject\":\"over\"}");
        String id = m.get("onlineMeetingId").asText();
        assertThat(api.delete("/api/v1/me/onlineMeetings/" + id, "Authorization", bearer(bob.token())).status())
                .isEqualTo(204);
        assertThat(api.send("POST", m.get("joinUrl").asText() + "/anonymousToken", null).status()).isEqualTo(404);
    }

    @Test
    void anonymousTokensAreRateLimitedPerClientWithRetryAfter() {
        try (TestServer limited = TestServer.h2(b -> b.anonymousTokensPerMinutePerIp(3))) {
            NewUser carol = limited.createUser("carol");
            Api.Response m = limited.api().post("/api/v1/me/onlineMeetings", "{\"subject\":\"busy\"}",
                    "Authorization", bearer(carol.token()));
            String uri = m.json().get("joinUrl").asText() + "/anonymousToken";
            for (int i = 0; i < 3; i++) {
                assertThat(limited.api().send("POST", uri, null).status()).isEqualTo(201);
            }
            Api.Response limitedResponse = limited.api().send("POST", uri, null);
            assertThat(limitedResponse.status()).isEqualTo(429);
            assertThat(limitedResponse.errorCode()).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(limitedResponse.header("Retry-After"))).isBetween(1, 60);
        }
    }

    @Test
    void aLinkTokenAskedForByABrowserIsBoundToThatBrowsersOrigin() {
        JsonNode m = schedule("{\"subject\":\"shop\"}");
        Api.Response t = api.send("POST", m.get("joinUrl").asText() + "/anonymousToken", null,
                "Origin", "https://shop.example");
        assertThat(t.status()).isEqualTo(201);
        String token = t.json().get("token").asText();
        assertThat(api.get("/discover", "Authorization", bearer(token), "Origin", "https://shop.example").status())
                .isEqualTo(200);
        assertThat(api.get("/discover", "Authorization", bearer(token), "Origin", "https://other.example").status())
                .isEqualTo(403);
        String nativeToken = api.send("POST", m.get("joinUrl").asText() + "/anonymousToken", null)
                .json().get("token").asText();
        assertThat(api.get("/discover", "Authorization", bearer(nativeToken)).status()).isEqualTo(200);
    }

    @Test
    void theJoinPagesOwnTokenIsUnboundSinceItsSameOriginDiscoveryCarriesNoOrigin() {
        JsonNode m = schedule("{\"subject\":\"own page\"}");
        Api.Response t = api.send("POST", m.get("joinUrl").asText() + "/anonymousToken", null, "Origin", api.base());
        assertThat(t.status()).isEqualTo(201);
        String token = t.json().get("token").asText();
        assertThat(api.get("/discover", "Authorization", bearer(token)).status()).isEqualTo(200);
        assertThat(api.get("/discover", "Authorization", bearer(token), "Origin", api.base()).status()).isEqualTo(200);
        assertThat(api.get("/discover", "Authorization", bearer(token), "Origin", "https://shop.example").status())
                .isEqualTo(403);
    }

    @Test
    void theJoinPageAllowsOnlyThisServersScriptsAndNoInlineCode() {
        JsonNode m = schedule("{\"subject\":\"policy\"}");
        Api.Response html = api.get(m.get("joinUrl").asText(), "Accept", "text/html");
        String csp = html.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(html.body()).contains("<script type=\"module\" src=\"/web/meet.js\"></script>")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)");
        Api.Response sdk = api.get("/web/foyer.js");
        assertThat(sdk.status()).isEqualTo(200);
        assertThat(sdk.header("Content-Type")).startsWith("text/javascript");
        assertThat(sdk.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(api.get("/web/..%2Fopenapi.json").status()).isEqualTo(404);
    }

    @Test
    void corsAnswersPreflightsAndNamesTheCallingOrigin() {
        JsonNode m = schedule("{\"subject\":\"cors\"}");
        String url = m.get("joinUrl").asText();
        Api.Response preflight = api.send("OPTIONS", url + "/anonymousToken", null,
                "Origin", "https://shop.example", "Access-Control-Request-Method", "POST");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        Api.Response json = api.get(url, "Accept", "application/json", "Origin", "https://shop.example");
        assertThat(json.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
    }
}
