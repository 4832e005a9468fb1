package dev.foyer.server.transport.http;

import static dev.foyer.server.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Platform API over real HTTP: every endpoint's happy path and its bad inputs. */
class PlatformApiTest {
    private static TestServer server;
    private static Api api;
    private static NewApplication app;
    private static NewApplication otherApp;
    private static String token;
    private static String otherToken;
    private static String base;

    @BeforeAll
    static void start() {
        server = TestServer.h2(b -> b.maxBodyBytes(16 * 1024));
        api = server.api();
        app = server.createApp("platform-test", "https://bank.example");
        otherApp = server.createApp("someone-else");
        token = server.accessToken(app);
        otherToken = server.accessToken(otherApp);
        base = TestServer.platformBase(app);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Api.Response post(String path, String body) {
        return api.post(base + path, body, "Authorization", bearer(token));
    }

    private static JsonNode meeting(String body) {
        return server.createAdhocMeeting(app, token, body);
    }

    @Test
    void createReturnsEveryContractFieldAndDefaults() {
        Api.Response r = post("/adhocMeetings", "{\"subject\":\"Advice\",\"description\":\"about loans\"}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode m = r.json();
        assertThat(m.get("onlineMeetingId").asText()).matches("[0-9A-HJKMNP-TV-Z]{13}");
        assertThat(m.get("onlineMeetingUri").asText()).startsWith("foyer:meeting:");
        assertThat(m.get("subject").asText()).isEqualTo("Advice");
        assertThat(m.get("description").asText()).isEqualTo("about loans");
        assertThat(m.get("accessLevel").asText()).isEqualTo("Everyone");
        assertThat(m.get("lobbyBypass").asText()).isEqualTo("Leaders");
        assertThat(m.get("automaticLeaderAssignment").asText()).isEqualTo("Disabled");
        Instant expiration = Instant.parse(m.get("expirationTime").asText());
        assertThat(Duration.between(Instant.now(), expiration)).isBetween(Duration.ofHours(7), Duration.ofHours(9));
        assertThat(r.header("Location")).endsWith("/adhocMeetings/" + m.get("onlineMeetingId").asText());
    }

    @Test
    void getShowsLiveCountsAndListPagesNewestFirst() {
        NewApplication pager = server.createApp("pager");
        String t = server.accessToken(pager);
        for (int i = 0; i < 3; i++) {
            server.createAdhocMeeting(pager, t, "{\"subject\":\"m" + i + "\"}");
        }
        Api.Response page1 = api.get(TestServer.platformBase(pager) + "/adhocMeetings?limit=2",
                "Authorization", bearer(t));
        assertThat(page1.status()).isEqualTo(200);
        assertThat(page1.json().get("items")).hasSize(2);
        assertThat(page1.json().get("items").get(0).get("subject").asText()).isEqualTo("m2");
        assertThat(page1.json().get("nextOffset").asInt()).isEqualTo(2);
        Api.Response page2 = api.get(TestServer.platformBase(pager) + "/adhocMeetings?limit=2&offset=2",
                "Authorization", bearer(t));
        assertThat(page2.json().get("items")).hasSize(1);
        assertThat(page2.json().has("nextOffset")).isFalse();

        String id = page2.json().get("items").get(0).get("onlineMeetingId").asText();
        Api.Response one = api.get(TestServer.platformBase(pager) + "/adhocMeetings/" + id, "Authorization", bearer(t));
        assertThat(one.json().get("participantCount").asInt()).isZero();
        assertThat(one.json().get("lobbyCount").asInt()).isZero();
        assertThat(one.json().get("state").asText()).isEqualTo("active");
    }

    @Test
    void deleteEndsTheMeetingAndItsTokensStopWorking() {
        JsonNode m = meeting("{\"subject\":\"short\"}");
        String id = m.get("onlineMeetingId").asText();
        Api.Response anon = post("/anonApplicationTokens",
                "{\"applicationSessionId\":\"s1\",\"meetingUrl\":\"" + m.get("joinUrl").asText() + "\"}");
        assertThat(anon.status()).isEqualTo(201);

        assertThat(api.delete(base + "/adhocMeetings/" + id, "Authorization", bearer(token)).status()).isEqualTo(204);
        assertThat(api.delete(base + "/adhocMeetings/" + id, "Authorization", bearer(token)).status()).isEqualTo(204);

        JsonNode ended = api.get(base + "/adhocMeetings/" + id, "Authorization", bearer(token)).json();
        assertThat(ended.get("state").asText()).isEqualTo("ended");
        Api.Response discovery = api.get("/discover", "Authorization", bearer(anon.json().get("token").asText()));
        assertThat(discovery.status()).isEqualTo(401);
        assertThat(discovery.errorCode()).isEqualTo("token_revoked");
        Api.Response again = post("/anonApplicationTokens",
                "{\"applicationSessionId\":\"s2\",\"meetingUrl\":\"" + m.get("joinUrl").asText() + "\"}");
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.errorCode()).isEqualTo("meeting_ended");
    }

    @Test
    void anonTokenAcceptsTheSeedsSemicolonOriginsAndChecksThem() {
        JsonNode m = meeting("{\"subject\":\"origins\"}");
        Api.Response r = post("/anonApplicationTokens", "{\"applicationSessionId\":\"s\",\"allowedOrigins\":"
                + "\"https://a.example;https://b.example:8443\",\"meetingUrl\":\"" + m.get("joinUrl").asText() + "\"}");
        assertThat(r.status()).isEqualTo(201);
        String t = r.json().get("token").asText();
        assertThat(api.get("/discover", "Authorization", bearer(t), "Origin", "https://b.example:8443").status())
                .isEqualTo(200);
        Api.Response wrongOrigin = api.get("/discover", "Authorization", bearer(t), "Origin", "https://evil.example");
        assertThat(wrongOrigin.status()).isEqualTo(403);
        assertThat(wrongOrigin.errorCode()).isEqualTo("origin_not_allowed");

        Api.Response bad = post("/anonApplicationTokens", "{\"applicationSessionId\":\"s\",\"allowedOrigins\":"
                + "[\"https://a.example/path\"],\"meetingUrl\":\"" + m.get("joinUrl").asText() + "\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("invalid_field");
        assertThat(bad.json().at("/error/message").asText()).contains("allowedOrigins");
    }

    @Test
    void anonTokenForAnotherApplicationsMeetingIsNotFound() {
        JsonNode theirs = server.createAdhocMeeting(otherApp, otherToken, "{\"subject\":\"theirs\"}");
        Api.Response r = post("/anonApplicationTokens",
                "{\"applicationSessionId\":\"s\",\"meetingUrl\":\"" + theirs.get("joinUrl").asText() + "\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("meeting_not_found");
    }

    @Test
    void userTokenMintsAPresenterTokenThatDiscovers() {
        JsonNode m = meeting("{\"subject\":\"staff\"}");
        Api.Response r = post("/adhocMeetings/" + m.get("onlineMeetingId").asText() + "/userTokens",
                "{\"userId\":\"advisor-7\",\"displayName\":\"Dana Advisor\",\"role\":\"presenter\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("discoverUri").asText()).isEqualTo(server.server().url() + "/discover");
        assertThat(api.get("/discover", "Authorization", bearer(r.json().get("token").asText())).status())
                .isEqualTo(200);
        Api.Response badRole = post("/adhocMeetings/" + m.get("onlineMeetingId").asText() + "/userTokens",
                "{\"userId\":\"x\",\"displayName\":\"X\",\"role\":\"organizer\"}");
        assertThat(badRole.status()).isEqualTo(400);
    }

    @Test
    void anApplicationNeverSeesAnotherApplicationsMeetings() {
        JsonNode mine = meeting("{\"subject\":\"mine\"}");
        String id = mine.get("onlineMeetingId").asText();
        String theirBase = TestServer.platformBase(otherApp);
        Api.Response peek = api.get(theirBase + "/adhocMeetings/" + id, "Authorization", bearer(otherToken));
        assertThat(peek.status()).isEqualTo(404);
        assertThat(api.delete(theirBase + "/adhocMeetings/" + id, "Authorization", bearer(otherToken)).status())
                .isEqualTo(404);
        Api.Response crossPath = api.get(base + "/adhocMeetings/" + id, "Authorization", bearer(otherToken));
        assertThat(crossPath.status()).isEqualTo(403);
        assertThat(crossPath.errorCode()).isEqualTo("forbidden");
    }

    @ParameterizedTest(name = "{0} {1} without credentials -> 401")
    @CsvSource({"GET,/adhocMeetings", "POST,/adhocMeetings", "POST,/anonApplicationTokens",
        "GET,/adhocMeetings/0123456789ABC", "DELETE,/adhocMeetings/0123456789ABC"})
    void everyEndpointRequiresAnAccessToken(String method, String path) {
        Api.Response none = api.send(method, base + path, method.equals("POST") ? "{}" : null,
                "Content-Type", "application/json");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.errorCode()).isEqualTo("unauthenticated");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        Api.Response garbage = api.send(method, base + path, method.equals("POST") ? "{}" : null,
                "Content-Type", "application/json", "Authorization", "Bearer not.a.jwt");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.errorCode()).isEqualTo("invalid_token");
    }

    @Test
    void aJoinTokenIsNotAnAccessToken() {
        JsonNode m = meeting("{\"subject\":\"kinds\"}");
        String guest = post("/anonApplicationTokens",
                "{\"applicationSessionId\":\"s\",\"meetingUrl\":\"" + m.get("joinUrl").asText() + "\"}")
                .json().get("token").asText();
        Api.Response r = api.get(base + "/adhocMeetings", "Authorization", bearer(guest));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("invalid_token");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON|{\"subject\":|invalid_request",
        "not an object|[1,2]|invalid_request",
        "wrong type for subject|{\"subject\":42}|invalid_request",
        "unknown enum value|{\"subject\":\"x\",\"accessLevel\":\"Anyone\"}|invalid_request",
        "unknown field|{\"subject\":\"x\",\"acessLevel\":\"Everyone\"}|invalid_request",
        "duplicate key|{\"subject\":\"x\",\"subject\":\"y\"}|invalid_request",
        "missing subject|{}|invalid_field",
        "blank subject|{\"subject\":\"   \"}|invalid_field",
        "subject too long|{\"subject\":\"" + "SUBJECT_TOO_LONG" + "\"}|invalid_field",
        "expiration in the past|{\"subject\":\"x\",\"expirationTime\":\"2001-01-01T00:00:00Z\"}|invalid_field",
        "expiration not a time|{\"subject\":\"x\",\"expirationTime\":\"tomorrow\"}|invalid_request",
        "trailing garbage|{\"subject\":\"x\"} {}|invalid_request",
        "null body|null|invalid_request"})
    void badMeetingBodiesAreRejectedWithTheirCode(String name, String body, String code) {
        String actual = body.replace("SUBJECT_TOO_LONG", "s".repeat(300));
        Api.Response r = post("/adhocMeetings", actual);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.json().at("/error/message").asText()).isNotBlank();
    }

    @Test
    void wrongContentTypeIs415() {
        Api.Response r = api.post(base + "/adhocMeetings", "subject=x",
                "Authorization", bearer(token), "Content-Type", "text/plain");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.errorCode()).isEqualTo("unsupported_media_type");
    }

    @Test
    void oversizeBodyIs413AndTheServerKeepsServing() {
        String huge = "{\"subject\":\"" + "x".repeat(64 * 1024) + "\"}";
        Api.Response r = post("/adhocMeetings", huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("payload_too_large");
        assertThat(post("/adhocMeetings", "{\"subject\":\"after\"}").status()).isEqualTo(201);
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        Api.Response unknown = api.get(base + "/adhocMeetings/0123456789ABC", "Authorization", bearer(token));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("meeting_not_found");
        Api.Response malformed = api.get(base + "/adhocMeetings/'%20or%201=1", "Authorization", bearer(token));
        assertThat(malformed.status()).isEqualTo(404);
        Api.Response noRoute = api.get("/platformservice/v1/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.errorCode()).isEqualTo("not_found");
    }

    @Test
    void anonTokenFieldsAreValidated() {
        JsonNode m = meeting("{\"subject\":\"fields\"}");
        String url = m.get("joinUrl").asText();
        assertThat(post("/anonApplicationTokens", "{\"meetingUrl\":\"" + url + "\"}").errorCode())
                .isEqualTo("invalid_field");
        assertThat(post("/anonApplicationTokens", "{\"applicationSessionId\":\"s\"}").errorCode())
                .isEqualTo("invalid_field");
        assertThat(post("/anonApplicationTokens", "{\"applicationSessionId\":\"s\",\"meetingUrl\":\"not a url\"}")
                .status()).isEqualTo(400);
        assertThat(post("/anonApplicationTokens", "{\"applicationSessionId\":\"s\",\"meetingUrl\":\"" + url
                + "\",\"expiresInMinutes\":100000}").errorCode()).isEqualTo("invalid_field");
        Api.Response ok = post("/anonApplicationTokens", "{\"applicationSessionId\":\"s\",\"meetingUrl\":\"" + url
                + "\",\"expiresInMinutes\":5}");
        assertThat(Duration.between(Instant.now(), Instant.parse(ok.json().get("expiryTime").asText())))
                .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
    }
}
