package dev.foyer.server.transport.http;

import static dev.foyer.server.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.testing.Api;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.user.NewUser;
import java.io.StringReader;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The User API: a user's own meetings, their join token and their calendar invite. */
class UserApiTest {
    private static final String BASE = "/api/v1/me/onlineMeetings";
    private static TestServer server;
    private static Api api;
    private static NewUser dana;
    private static NewUser eve;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
        api = server.api();
        dana = server.createUser("dana");
        eve = server.createUser("eve");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Api.Response as(NewUser user, String method, String path, String body) {
        return api.send(method, path, body, "Authorization", bearer(user.token()), "Content-Type", "application/json");
    }

    @Test
    void createReadUpdateListDelete() {
        Api.Response created = as(dana, "POST", BASE, "{\"subject\":\"Weekly\",\"startTime\":\"2031-05-01T09:00:00Z\","
                + "\"endTime\":\"2031-05-01T10:00:00Z\",\"attendees\":[\"eve\"],\"leaders\":[\"frank\"],"
                + "\"lobbyBypass\":\"Invited\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode m = created.json();
        String id = m.get("onlineMeetingId").asText();
        assertThat(m.get("joinUrl").asText()).isEqualTo(server.server().url() + "/meet/dana/" + id);
        assertThat(m.get("startTime").asText()).isEqualTo("2031-05-01T09:00:00Z");
        assertThat(m.get("attendees").get(0).asText()).isEqualTo("eve");
        assertThat(m.get("organizerUri").asText()).isEqualTo("foyer:user:dana");
        assertThat(m.get("expirationTime").asText()).isEqualTo("2031-05-01T18:00:00Z");

        Api.Response updated = as(dana, "PUT", BASE + "/" + id, "{\"subject\":\"Weekly sync\",\"accessLevel\":\"Locked\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("subject").asText()).isEqualTo("Weekly sync");
        assertThat(updated.json().get("accessLevel").asText()).isEqualTo("Locked");
        assertThat(updated.json().get("lobbyBypass").asText()).isEqualTo("Invited");

        assertThat(as(dana, "GET", BASE + "/" + id, null).json().get("subject").asText()).isEqualTo("Weekly sync");
        assertThat(as(dana, "GET", BASE, null).json().get("items").findValuesAsText("onlineMeetingId")).contains(id);

        assertThat(as(dana, "DELETE", BASE + "/" + id, null).status()).isEqualTo(204);
        assertThat(as(dana, "GET", BASE + "/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void aUserSeesOnlyTheirOwnMeetings() {
        String id = as(dana, "POST", BASE, "{\"subject\":\"private\"}").json().get("onlineMeetingId").asText();
        assertThat(as(eve, "GET", BASE + "/" + id, null).status()).isEqualTo(404);
        assertThat(as(eve, "PUT", BASE + "/" + id, "{\"subject\":\"mine now\"}").status()).isEqualTo(404);
        assertThat(as(eve, "DELETE", BASE + "/" + id, null).status()).isEqualTo(404);
        assertThat(as(eve, "POST", BASE + "/" + id + "/joinToken", null).status()).isEqualTo(404);
        assertThat(as(eve, "GET", BASE + "/" + id + "/invite.ics", null).status()).isEqualTo(404);
        assertThat(as(eve, "GET", BASE, null).json().get("items").findValuesAsText("onlineMeetingId"))
                .doesNotContain(id);
    }

    @Test
    void organizerJoinTokenDiscoversEvenForALockedMeeting() {
        String id = as(dana, "POST", BASE, "{\"subject\":\"locked\",\"accessLevel\":\"Locked\"}")
                .json().get("onlineMeetingId").asText();
        Api.Response t = as(dana, "POST", BASE + "/" + id + "/joinToken", null);
        assertThat(t.status()).isEqualTo(201);
        Api.Response d = api.get(t.json().get("discoverUri").asText(),
                "Authorization", bearer(t.json().get("token").asText()));
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.json().at("/meeting/onlineMeetingId").asText()).isEqualTo(id);
    }

    @Test
    void inviteIsValidIcalendar() throws Exception {
        String id = as(dana, "POST", BASE, "{\"subject\":\"Checkup\",\"description\":\"Bring your card\","
                + "\"startTime\":\"2031-06-01T08:00:00Z\",\"endTime\":\"2031-06-01T08:20:00Z\"}")
                .json().get("onlineMeetingId").asText();
        Api.Response ics = as(dana, "GET", BASE + "/" + id + "/invite.ics", null);
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
        calendar.validate();
        assertThat(ics.body().split("DTSTAMP:", -1)).as("exactly one DTSTAMP").hasSize(2);
        VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
        assertThat(event.getDateTimeEnd().getValue()).isEqualTo("20310601T082000Z");
        assertThat(event.getDescription().getValue()).contains("Bring your card")
                .contains("/meet/dana/" + id);
        assertThat(event.getUid().orElseThrow().getValue()).startsWith(id + "@");
    }

    @Test
    void badTokensAndBadBodies() {
        assertThat(api.get(BASE, "Authorization", bearer("fyu_nope")).status()).isEqualTo(401);
        assertThat(api.get(BASE).errorCode()).isEqualTo("unauthenticated");
        assertThat(as(dana, "POST", BASE, "{\"subject\":\"x\",\"endTime\":\"2031-01-01T00:00:00Z\","
                + "\"startTime\":\"2031-01-02T00:00:00Z\"}").errorCode()).isEqualTo("invalid_field");
        assertThat(as(dana, "POST", BASE, "{\"subject\":\"x\",\"attendees\":\"eve\"}").errorCode())
                .isEqualTo("invalid_request");
        assertThat(as(dana, "GET", BASE + "?limit=1000", null).errorCode()).isEqualTo("invalid_field");
        assertThat(as(dana, "GET", BASE + "?offset=-1", null).errorCode()).isEqualTo("invalid_field");
    }

    @Test
    void aRevokedTokenStopsWorking() {
        NewUser gina = server.createUser("gina");
        assertThat(as(gina, "GET", BASE, null).status()).isEqualTo(200);
        server.server().services().users().revokeToken("gina");
        assertThat(as(gina, "GET", BASE, null).status()).isEqualTo(401);
    }
}
