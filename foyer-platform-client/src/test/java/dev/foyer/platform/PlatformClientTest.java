package dev.foyer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.app.NewApplication;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every call against a real Foyer server, and how its errors arrive. */
class PlatformClientTest {
    private static TestServer server;
    private static final java.util.concurrent.atomic.AtomicInteger APPS = new java.util.concurrent.atomic.AtomicInteger();

    private NewApplication app;
    private FoyerPlatformClient client;

    @BeforeAll
    static void startServer() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void newApplication() {
        app = server.createApp("shop-" + APPS.incrementAndGet());
        client = clientFor(app.clientSecret()).build();
    }

    private FoyerPlatformClient.Builder clientFor(String secret) {
        return FoyerPlatformClient.builder()
                .baseUrl(server.server().url())
                .clientId(app.application().clientId())
                .clientSecret(secret);
    }

    private String appId() {
        return app.application().id().value();
    }

    @Test
    void createdMeetingCarriesEveryRequestedField() {
        Instant expiry = server.clock().instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Meeting m = client.createAdhocMeeting(AdhocMeetingRequest.builder("Mortgage advice")
                .description("Second appointment")
                .accessLevel(AccessLevel.INVITED)
                .lobbyBypass(LobbyBypass.EVERYONE)
                .automaticLeaderAssignment(AutomaticLeaderAssignment.INVITED)
                .expirationTime(expiry)
                .leaders(List.of("ada"))
                .build());

        assertThat(m.onlineMeetingId()).matches("[0-9A-HJKMNP-TV-Z]{13}");
        assertThat(m.subject()).isEqualTo("Mortgage advice");
        assertThat(m.description()).isEqualTo("Second appointment");
        assertThat(m.accessLevel()).isEqualTo(AccessLevel.INVITED);
        assertThat(m.lobbyBypass()).isEqualTo(LobbyBypass.EVERYONE);
        assertThat(m.automaticLeaderAssignment()).isEqualTo(AutomaticLeaderAssignment.INVITED);
        assertThat(m.expirationTime()).isEqualTo(expiry);
        assertThat(m.leaders()).containsExactly("ada");
        assertThat(m.attendees()).isEmpty();
        assertThat(m.state()).isEqualTo(MeetingState.ACTIVE);
        assertThat(m.organizerUri()).isEqualTo("foyer:app:" + appId());
        assertThat(m.joinUrl()).isEqualTo(server.server().url() + "/meet/" + appId() + "/" + m.onlineMeetingId());
        assertThat(m.participantCount()).isNull();
    }

    @Test
    void defaultsComeFromTheServer() {
        Meeting m = client.createAdhocMeeting(AdhocMeetingRequest.builder("Quick call").build());

        assertThat(m.accessLevel()).isEqualTo(AccessLevel.EVERYONE);
        assertThat(m.lobbyBypass()).isEqualTo(LobbyBypass.LEADERS);
        assertThat(m.automaticLeaderAssignment()).isEqualTo(AutomaticLeaderAssignment.DISABLED);
        assertThat(m.description()).isNull();
        assertThat(m.expirationTime()).isAfter(server.clock().instant().plus(Duration.ofHours(7)));
    }

    @Test
    void getReturnsTheMeetingWithLiveCounts() {
        Meeting created = client.createAdhocMeeting(AdhocMeetingRequest.builder("Counts").build());

        Meeting got = client.getMeeting(created.onlineMeetingId());

        assertThat(got.onlineMeetingId()).isEqualTo(created.onlineMeetingId());
        assertThat(got.joinUrl()).isEqualTo(created.joinUrl());
        assertThat(got.participantCount()).isZero();
        assertThat(got.lobbyCount()).isZero();
        assertThat(got.isActive()).isTrue();
    }

    @Test
    void listPagesNewestFirst() {
        Meeting first = client.createAdhocMeeting(AdhocMeetingRequest.builder("First").build());
        server.clock().advance(Duration.ofSeconds(1));
        Meeting second = client.createAdhocMeeting(AdhocMeetingRequest.builder("Second").build());

        MeetingPage page = client.listMeetings(0, 1);
        assertThat(page.items()).extracting(Meeting::onlineMeetingId).containsExactly(second.onlineMeetingId());
        assertThat(page.hasMore()).isTrue();
        assertThat(page.nextOffset()).isEqualTo(1);

        MeetingPage rest = client.listMeetings(page.nextOffset(), 100);
        assertThat(rest.items()).extracting(Meeting::onlineMeetingId).containsExactly(first.onlineMeetingId());
        assertThat(rest.hasMore()).isFalse();
        assertThat(rest.offset()).isEqualTo(1);
        assertThat(rest.limit()).isEqualTo(100);
    }

    @Test
    void anonymousTokenDiscoversTheMeetingFromAnAllowedOrigin() throws Exception {
        Meeting m = client.createAdhocMeeting(AdhocMeetingRequest.builder("Guests").accessLevel(AccessLevel.INVITED).build());

        JoinTicket ticket = client.createAnonymousToken(AnonymousTokenRequest.builder()
                .applicationSessionId("visitor-42")
                .meetingUrl(m.joinUrl())
                .allowedOrigins(List.of("https://shop.example"))
                .expiresInMinutes(30)
                .build());

        assertThat(ticket.token()).isNotBlank();
        assertThat(ticket.toString()).doesNotContain(ticket.token());
        assertThat(ticket.discoverUri()).isEqualTo(server.server().url() + "/discover");
        assertThat(Duration.between(server.clock().instant(), ticket.expiryTime()))
                .isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31));
        JsonNode discovery = discover(ticket, "https://shop.example");
        assertThat(discovery.path("meeting").path("onlineMeetingId").asText()).isEqualTo(m.onlineMeetingId());
        assertThat(discovery.path("signalingUrl").asText()).contains(m.onlineMeetingId());
    }

    @Test
    void userTokenDiscoversTheMeeting() throws Exception {
        Meeting m = client.createAdhocMeeting(AdhocMeetingRequest.builder("Staff").build());

        JoinTicket presenter = client.createUserToken(m.onlineMeetingId(), "advisor-7", "Ada Advisor", null);
        JoinTicket attendee = client.createUserToken(m.onlineMeetingId(), "trainee-1", "Tom Trainee", Role.ATTENDEE);

        assertThat(discover(presenter, null).path("meeting").path("onlineMeetingId").asText()).isEqualTo(m.onlineMeetingId());
        assertThat(discover(attendee, null).path("meeting").path("onlineMeetingId").asText()).isEqualTo(m.onlineMeetingId());
    }

    @Test
    void endedMeetingStaysReadableAndRefusesNewTokens() {
        Meeting m = client.createAdhocMeeting(AdhocMeetingRequest.builder("Short").build());

        client.endMeeting(m.onlineMeetingId());
        client.endMeeting(m.onlineMeetingId()); // idempotent

        Meeting ended = client.getMeeting(m.onlineMeetingId());
        assertThat(ended.state()).isEqualTo(MeetingState.ENDED);
        assertThat(ended.endedAt()).isNotNull();
        assertThat(ended.endReason()).isEqualTo("ended by the application");
        assertThatThrownBy(() -> client.createUserToken(m.onlineMeetingId(), "advisor-7", "Ada", Role.PRESENTER))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(410);
                    assertThat(e.code()).isEqualTo("meeting_ended");
                });
        assertThatThrownBy(() -> client.createAnonymousToken(AnonymousTokenRequest.builder()
                        .applicationSessionId("v").meetingUrl(m.joinUrl()).build()))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> assertThat(e.code()).isEqualTo("meeting_ended"));
    }

    @Test
    void applicationIdComesFromTheTokenResponse() {
        assertThat(client.applicationId()).isEqualTo(appId());
    }

    @Test
    void unknownMeetingIsMeetingNotFound() {
        assertThatThrownBy(() -> client.getMeeting("0000000000000"))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("meeting_not_found");
                    assertThat(e.errorMessage()).isNotBlank();
                });
        assertThatThrownBy(() -> client.endMeeting("not a meeting/.."))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> assertThat(e.code()).isEqualTo("meeting_not_found"));
    }

    @Test
    void invalidFieldIsReportedWithItsCode() {
        assertThatThrownBy(() -> client.createAdhocMeeting(AdhocMeetingRequest.builder("   ").build()))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_field");
                    assertThat(e.errorMessage()).contains("subject");
                });
        Meeting m = client.createAdhocMeeting(AdhocMeetingRequest.builder("Ok").build());
        assertThatThrownBy(() -> client.createAnonymousToken(AnonymousTokenRequest.builder()
                        .applicationSessionId("v").meetingUrl(m.joinUrl()).expiresInMinutes(0).build()))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_field"));
    }

    @Test
    void wrongSecretIsAnAuthenticationFailure() {
        FoyerPlatformClient wrong = clientFor("fcs_wrong").build();

        assertThatThrownBy(() -> wrong.listMeetings(0, 10))
                .isInstanceOfSatisfying(FoyerAuthenticationException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("invalid_client");
                });
    }

    @Test
    void anotherApplicationsIdIsForbidden() {
        NewApplication other = server.createApp("other-" + APPS.incrementAndGet());
        FoyerPlatformClient misconfigured = clientFor(app.clientSecret())
                .applicationId(other.application().id().value()).build();

        assertThatThrownBy(() -> misconfigured.listMeetings(0, 10))
                .isInstanceOfSatisfying(FoyerApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("forbidden");
                });
    }

    @Test
    void backEndAdmitsAndDeniesWaitingGuests() {
        Meeting meeting = client.createAdhocMeeting(AdhocMeetingRequest.builder("Lobby").build());
        try (WsClient vera = guest(meeting, "visitor-1", "Vera"); WsClient walt = guest(meeting, "visitor-2", "Walt")) {
            client.admitFromLobby(meeting.onlineMeetingId(), vera.seen("joined").get(0).get("participantId").asText());
            assertThat(vera.awaitType("admitted").path("by").asText()).isEqualTo("application");

            String waltId = walt.seen("joined").get(0).get("participantId").asText();
            client.denyFromLobby(meeting.onlineMeetingId(), waltId, "The office is closed");
            assertThat(walt.awaitType("denied").path("reason").asText()).isEqualTo("The office is closed");

            assertThatThrownBy(() -> client.admitFromLobby(meeting.onlineMeetingId(), waltId))
                    .isInstanceOfSatisfying(FoyerApiException.class, e -> assertThat(e.status()).isIn(404, 409));
        }
    }

    private WsClient guest(Meeting meeting, String sessionId, String name) {
        JoinTicket ticket = client.createAnonymousToken(AnonymousTokenRequest.builder()
                .applicationSessionId(sessionId).meetingUrl(meeting.joinUrl()).build());
        WsClient ws = WsClient.connect(server.server().services().urls().signalingUrl(
                dev.foyer.server.meeting.MeetingId.parse(meeting.onlineMeetingId())));
        assertThat(ws.join(ticket.token(), name).path("state").asText()).isEqualTo("lobby");
        return ws;
    }

    private static JsonNode discover(JoinTicket ticket, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ticket.discoverUri()))
                .header("Authorization", "Bearer " + ticket.token());
        if (origin != null) {
            request.header("Origin", origin);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
