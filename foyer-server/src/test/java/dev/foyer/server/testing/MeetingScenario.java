package dev.foyer.server.testing;

import static dev.foyer.server.testing.Api.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.server.app.NewApplication;
import java.util.UUID;

/**
 * One application with one ad hoc meeting on a test server, and the tokens and connections the
 * live tests need: guests from the application, staff, and link holders.
 */
public final class MeetingScenario {
    /** A meeting whose lobby everyone bypasses: guests land in it without a presenter. */
    public static final String EVERYONE_ENTERS = "{\"subject\":\"x\",\"lobbyBypass\":\"Everyone\"}";
    private final TestServer server;
    private final NewApplication app;
    private final String accessToken;
    private final JsonNode meeting;

    public MeetingScenario(TestServer server, String meetingBody) {
        this(server, server.createApp("app-" + UUID.randomUUID()), meetingBody);
    }

    /** A meeting of an application the test registered (with a webhook callback, say). */
    public MeetingScenario(TestServer server, NewApplication app, String meetingBody) {
        this.server = server;
        this.app = app;
        this.accessToken = server.accessToken(app);
        this.meeting = server.createAdhocMeeting(app, accessToken, meetingBody);
    }

    public MeetingScenario(TestServer server) {
        this(server, "{\"subject\":\"Advice\"}");
    }

    public JsonNode meeting() {
        return meeting;
    }

    public String meetingId() {
        return meeting.get("onlineMeetingId").asText();
    }

    public String meetingPath() {
        return TestServer.platformBase(app) + "/adhocMeetings/" + meetingId();
    }

    public NewApplication app() {
        return app;
    }

    public String accessToken() {
        return accessToken;
    }

    /** An anonymous guest token the application mints for session {@code sessionId}. */
    public String guestToken(String sessionId, String... allowedOrigins) {
        StringBuilder origins = new StringBuilder("[");
        for (int i = 0; i < allowedOrigins.length; i++) {
            origins.append(i == 0 ? "" : ",").append('"').append(allowedOrigins[i]).append('"');
        }
        Api.Response r = server.api().post(TestServer.platformBase(app) + "/anonApplicationTokens",
                "{\"applicationSessionId\":\"" + sessionId + "\",\"allowedOrigins\":" + origins + "],\"meetingUrl\":\""
                        + meeting.get("joinUrl").asText() + "\"}", "Authorization", bearer(accessToken));
        if (r.status() != 201) {
            throw new AssertionError("guest token: " + r);
        }
        return r.json().get("token").asText();
    }

    /** A staff token: {@code role} presenter or attendee. */
    public String staffToken(String userId, String displayName, String role) {
        Api.Response r = server.api().post(meetingPath() + "/userTokens",
                "{\"userId\":\"" + userId + "\",\"displayName\":\"" + displayName + "\",\"role\":\"" + role + "\"}",
                "Authorization", bearer(accessToken));
        if (r.status() != 201) {
            throw new AssertionError("staff token: " + r);
        }
        return r.json().get("token").asText();
    }

    /** The signaling URL discovery gives for {@code token}. */
    public String signalingUrl(String token) {
        Api.Response r = server.api().get("/discover", "Authorization", bearer(token));
        if (r.status() != 200) {
            throw new AssertionError("discovery: " + r);
        }
        return r.json().get("signalingUrl").asText();
    }

    /** The meeting's signaling URL, as discovery would give it, without spending a token. */
    public String signalingUrl() {
        return server.server().services().urls().signalingUrl(
                dev.foyer.server.meeting.MeetingId.parse(meetingId()));
    }

    /**
     * A guest of session {@code sessionId} who joined, waited in the lobby and was admitted by
     * {@code presenter}; its snapshot has been read.
     */
    public Joined admittedGuest(Joined presenter, String sessionId, String displayName) {
        Joined guest = join(guestToken(sessionId), displayName);
        if ("lobby".equals(guest.joined().get("state").asText())) {
            presenter.client().send(WsClient.message("lobby.admit").put("participantId", guest.participantId()));
            guest.client().awaitType("admitted");
        }
        guest.client().awaitType("snapshot");
        return guest;
    }

    /** Connects (no Origin: a native client) and joins; returns the connected client after {@code joined}. */
    public Joined join(String token, String displayName) {
        WsClient client = WsClient.connect(signalingUrl(token));
        JsonNode joined = client.join(token, displayName);
        return new Joined(client, joined);
    }

    /** A presenter who is in the meeting, and whose snapshot has been read. */
    public Joined presenter(String name) {
        Joined p = join(staffToken("staff-" + UUID.randomUUID(), name, "presenter"), name);
        p.client().awaitType("snapshot");
        return p;
    }

    /** A client after {@code joined}. */
    public record Joined(WsClient client, JsonNode joined) {
        public String participantId() {
            return joined.get("participantId").asText();
        }

        public String resumeToken() {
            return joined.get("resumeToken").asText();
        }
    }
}
