package dev.foyer.examples.contoso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.platform.FoyerPlatformClient;
import dev.foyer.platform.WebhookVerifier;
import dev.foyer.sdk.Conversation;
import dev.foyer.sdk.ConversationListener;
import dev.foyer.sdk.ConversationState;
import dev.foyer.sdk.FoyerClient;
import dev.foyer.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample app in front of a real Foyer server: sign-in first, visits, webhooks, the advisor's admit. */
class ContosoVisitsTest {
    private static TestServer foyer;
    private ContosoFixture sample;

    @BeforeAll
    static void startFoyer() {
        foyer = TestServer.h2(b -> b.webhooksAllowPrivate(true));
    }

    @AfterAll
    static void stopFoyer() {
        foyer.close();
    }

    @BeforeEach
    void startSample() {
        sample = new ContosoFixture(foyer, 5);
    }

    @AfterEach
    void stopSample() {
        sample.close();
    }

    @Test
    void visitorWhoIsNotSignedInGets401AndFoyerIsNotAsked() {
        long before = sample.foyerPlatformCalls();

        Browser.Reply r = sample.anonymous().post("/api/visits", "{}");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("unauthenticated");
        assertThat(sample.foyerPlatformCalls()).isEqualTo(before);
        assertThat(FoyerPlatformClient.builder().baseUrl(foyer.server().url())
                .clientId(sample.app.application().clientId()).clientSecret(sample.app.clientSecret()).build()
                .listMeetings(0, 10).items()).isEmpty();
    }

    @Test
    void signedInVisitorJoinsWithTheSdkWaitsAndTheAdvisorConsoleSeesThemAndLetsThemIn() throws Exception {
        Browser advisor = sample.signedIn("ada");
        Browser.Events waitingRoom = advisor.events("/api/advisor/events");
        waitingRoom.await("[]"::equals, "an empty waiting room");

        JsonNode visit = sample.signedIn("vera").post("/api/visits", "{}").json();
        assertThat(visit.fieldNames()).toIterable().contains("joinUrl", "token", "discoverUri");

        // The token is bound to the sample's origin, as the visitor's page would present it: the
        // SDK's HTTP client sends that Origin on discovery and on the WebSocket, like the browser.
        OkHttpClient fromSamplePage = new OkHttpClient.Builder().addInterceptor(chain -> chain.proceed(
                chain.request().newBuilder().header("Origin", sample.origin()).build())).build();
        FoyerClient sdk = new FoyerClient.Builder().okHttpClient(fromSamplePage).build();
        BlockingQueue<ConversationState> states = new LinkedBlockingQueue<>();
        try {
            sdk.joinMeetingAnonymously("Vera", visit.get("joinUrl").asText(), visit.get("token").asText(),
                    visit.get("discoverUri").asText(), new ConversationListener() {
                        @Override
                        public void onStateChanged(Conversation c, ConversationState from, ConversationState to) {
                            states.add(to);
                        }
                    });
            awaitState(states, ConversationState.IN_LOBBY);

            JsonNode waiting = ContosoFixture.json(waitingRoom.await(d -> d.contains("Vera Visitor"), "Vera waiting"));
            assertThat(waiting).hasSize(1);
            assertThat(waiting.get(0).get("visitor").asText()).isEqualTo("Vera Visitor"); // the verified account
            String meetingId = waiting.get(0).get("onlineMeetingId").asText();
            assertThat(visit.get("joinUrl").asText()).endsWith("/" + meetingId);

            Browser.Reply admit = advisor.post("/api/advisor/meetings/" + meetingId + "/lobby/"
                    + waiting.get(0).get("participantId").asText() + "/admit", null);
            assertThat(admit.status()).as(admit.body()).isEqualTo(204);

            awaitState(states, ConversationState.ESTABLISHED);
            waitingRoom.await("[]"::equals, "the waiting room empty again");
        } finally {
            sdk.close();
        }
    }

    @Test
    void openVisitIsReusedAndVisitsAreRateLimitedPerVisitor() {
        Browser vera = sample.signedIn("vera");
        JsonNode first = vera.post("/api/visits", "{}").json();
        for (int i = 2; i <= 5; i++) {
            JsonNode again = vera.post("/api/visits", "{}").json();
            assertThat(again.get("joinUrl").asText()).isEqualTo(first.get("joinUrl").asText());
            assertThat(again.get("token").asText()).isNotEqualTo(first.get("token").asText());
        }

        Browser.Reply sixth = vera.post("/api/visits", "{}");
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();

        JsonNode walt = sample.signedIn("walt").post("/api/visits", "{}").json(); // another visitor's own limit
        assertThat(walt.get("joinUrl").asText()).isNotEqualTo(first.get("joinUrl").asText());
    }

    @Test
    void webhookEndpointRefusesForgedSignaturesAndAppliesAnEventOnce() {
        String body = "{\"id\":\"evt_test_1\",\"type\":\"lobby.waiting\",\"createdAt\":\"" + Instant.now() + "\","
                + "\"onlineMeetingId\":\"M1\",\"data\":{\"participantId\":\"p_1\",\"displayName\":\"Mallory\"}}";
        Browser foyerSide = sample.anonymous();

        assertThat(deliver(foyerSide, body, "whs_forged")).isEqualTo(400);
        assertThat(sample.signedIn("ada").get("/api/advisor/waiting").json().path("waiting")).isEmpty();

        assertThat(deliver(foyerSide, body, sample.app.webhookSecret())).isEqualTo(204);
        assertThat(deliver(foyerSide, body, sample.app.webhookSecret())).isEqualTo(200); // a redelivery
        JsonNode waiting = sample.signedIn("ada").get("/api/advisor/waiting").json().path("waiting");
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).path("visitor").isNull()).isTrue(); // no visit of this app: not a verified visitor
    }

    @Test
    void signInAdvisorRoutesAndCsrfAreEnforced() {
        assertThat(sample.anonymous().post("/api/login", "{\"username\":\"vera\",\"password\":\"wrong\"}").status())
                .isEqualTo(401);
        assertThat(sample.anonymous().post("/api/login", "{\"username\":\"nobody\",\"password\":\"x\"}").status())
                .isEqualTo(401);

        Browser vera = sample.signedIn("vera");
        assertThat(vera.get("/api/advisor/waiting").status()).isEqualTo(403);
        assertThat(sample.anonymous().get("/api/advisor/waiting").status()).isEqualTo(401);
        assertThat(sample.signedIn("ada").post("/api/visits", "{}").status()).isEqualTo(403);

        long before = sample.foyerPlatformCalls();
        assertThat(vera.send(vera.request("/api/visits").POST(HttpRequest.BodyPublishers.noBody())).status())
                .as("no CSRF header").isEqualTo(403);
        assertThat(vera.send(vera.request("/api/visits").header("X-Requested-With", "fetch")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody())).status())
                .as("another site's Origin").isEqualTo(403);
        assertThat(sample.foyerPlatformCalls()).isEqualTo(before);

        assertThat(vera.post("/api/logout", null).status()).isEqualTo(204);
        assertThat(vera.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void pagesCarryNoFoyerCredentials() {
        for (String page : new String[] {"/", "/advisor.html", "/visitor.js", "/advisor.js", "/api.js"}) {
            Browser.Reply r = sample.anonymous().get(page);
            assertThat(r.status()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).doesNotContain(sample.app.clientSecret(), sample.app.webhookSecret(),
                    sample.app.application().clientId());
        }
        Browser.Reply me = sample.signedIn("vera").get("/api/me");
        assertThat(me.body()).doesNotContain(sample.app.clientSecret(), sample.app.application().clientId());
        assertThat(me.json().get("foyerUrl").asText()).isEqualTo(foyer.server().url());
    }

    private int deliver(Browser to, String body, String secret) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return to.send(to.request("/webhooks/foyer")
                .header("Foyer-Signature", WebhookVerifier.sign(Instant.now(), bytes, secret))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))).status();
    }

    private static void awaitState(BlockingQueue<ConversationState> states, ConversationState wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            ConversationState s = states.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (s == wanted) {
                return;
            }
            seen.append(s).append(' ');
        }
        throw new AssertionError("no " + wanted + "; saw " + seen);
    }
}
