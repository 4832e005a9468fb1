package dev.foyer.server.flows;

import static dev.foyer.server.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.user.NewUser;
import java.io.StringReader;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's two join flows, walked over real HTTP exactly as a back-end and a client would: run
 * on the embedded database and on PostgreSQL.
 */
abstract class JoinFlowsContract {
    private TestServer server;
    private Api api;

    abstract TestServer startServer();

    @BeforeEach
    void start() {
        server = startServer();
        api = server.api();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void onlineFlowClientCredentialsThenAdhocMeetingThenAnonymousTokenThenDiscovery() {
        NewApplication app = server.createApp("bank-backend");
        // 1. The back-end authenticates with client credentials (form authentication this time).
        Api.Response tokenResponse = api.postForm("/oauth2/token", "grant_type=client_credentials&client_id="
                + app.application().clientId() + "&client_secret=" + app.clientSecret());
        assertThat(tokenResponse.status()).isEqualTo(200);
        assertThat(tokenResponse.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokenResponse.json().get("expires_in").asLong()).isBetween(3000L, 3600L);
        String accessToken = tokenResponse.json().get("access_token").asText();

        // 2. It creates an ad hoc meeting.
        Api.Response created = api.post(TestServer.platformBase(app) + "/adhocMeetings",
                "{\"subject\":\"Mortgage advice\",\"accessLevel\":\"Invited\"}", "Authorization", bearer(accessToken));
        assertThat(created.status()).isEqualTo(201);
        JsonNode meeting = created.json();
        String meetingId = meeting.get("onlineMeetingId").asText();
        assertThat(meeting.get("joinUrl").asText())
                .isEqualTo(server.server().url() + "/meet/" + app.application().id() + "/" + meetingId);
        assertThat(meeting.get("lobbyBypass").asText()).isEqualTo("Leaders");
        assertThat(meeting.get("automaticLeaderAssignment").asText()).isEqualTo("Disabled");
        assertThat(meeting.get("organizerUri").asText()).isEqualTo("foyer:app:" + app.application().id());

        // 3. It mints an anonymous token for the visitor it verified.
        Api.Response anon = api.post(TestServer.platformBase(app) + "/anonApplicationTokens",
                "{\"applicationSessionId\":\"visit-1\",\"allowedOrigins\":[],\"meetingUrl\":\""
                        + meeting.get("joinUrl").asText() + "\"}", "Authorization", bearer(accessToken));
        assertThat(anon.status()).isEqualTo(201);
        String discoverUri = anon.json().get("discoverUri").asText();
        assertThat(anon.json().get("expiryTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        // 4. The client discovers the signaling endpoint with that token.
        Api.Response discovered = api.get(discoverUri, "Authorization", bearer(anon.json().get("token").asText()));
        assertThat(discovered.status()).isEqualTo(200);
        assertThat(discovered.json().at("/meeting/onlineMeetingId").asText()).isEqualTo(meetingId);
        assertThat(discovered.json().at("/meeting/subject").asText()).isEqualTo("Mortgage advice");
        assertThat(discovered.json().get("signalingUrl").asText())
                .startsWith("ws://127.0.0.1:").endsWith("/signaling/v1/meetings/" + meetingId);
        assertThat(discovered.json().get("iceServers").isArray()).isTrue();
        assertThat(discovered.json().get("tokenExpiresAt").asText()).isEqualTo(anon.json().get("expiryTime").asText());
    }

    @Test
    void onPremiseFlowScheduledMeetingThenInviteThenJoinUrlThenAnonymousTokenThenDiscovery() throws Exception {
        NewUser alice = server.createUser("alice");
        // 1. Staff schedule a meeting with their personal access token.
        Api.Response created = api.post("/api/v1/me/onlineMeetings",
                "{\"subject\":\"Clinic visit\",\"startTime\":\"2030-01-02T10:00:00Z\","
                        + "\"endTime\":\"2030-01-02T10:30:00Z\",\"accessLevel\":\"Everyone\"}",
                "Authorization", bearer(alice.token()));
        assertThat(created.status()).isEqualTo(201);
        String meetingId = created.json().get("onlineMeetingId").asText();

        // 2. The back-end reads the join URL from the calendar invite.
        Api.Response ics = api.get("/api/v1/me/onlineMeetings/" + meetingId + "/invite.ics",
                "Authorization", bearer(alice.token()));
        assertThat(ics.status()).isEqualTo(200);
        assertThat(ics.header("Content-Type")).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
        VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
        String joinUrl = event.getUrl().getValue();
        assertThat(joinUrl).isEqualTo(server.server().url() + "/meet/alice/" + meetingId);
        assertThat(event.getSummary().getValue()).isEqualTo("Clinic visit");
        assertThat(event.getDateTimeStart().getValue()).isEqualTo("20300102T100000Z");

        // 3. The SDK resolves the meeting URL as JSON.
        Api.Response resolved = api.get(joinUrl, "Accept", "application/json");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("anonymousJoin").asBoolean()).isTrue();
        assertThat(resolved.json().get("organizer").asText()).isEqualTo("alice");

        // 4. It obtains an anonymous token without credentials, 5. and discovers.
        Api.Response anon = api.send("POST", resolved.json().get("anonymousTokenUri").asText(), null);
        assertThat(anon.status()).isEqualTo(201);
        Api.Response discovered = api.get(anon.json().get("discoverUri").asText(),
                "Authorization", bearer(anon.json().get("token").asText()));
        assertThat(discovered.status()).isEqualTo(200);
        assertThat(discovered.json().at("/meeting/joinUrl").asText()).isEqualTo(joinUrl);
        assertThat(discovered.json().at("/meeting/organizer").asText()).isEqualTo("alice");
    }
}
