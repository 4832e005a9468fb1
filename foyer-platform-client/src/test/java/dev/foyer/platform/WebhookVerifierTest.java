package dev.foyer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.platform.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    private static final String SECRET = "whs_3mJ9cQ2pX7rT1vL8nB4kD6fH0sA5gZ";
    private static final Instant NOW = Instant.parse("2025-05-01T09:00:00Z");
    private static final String BODY = "{\"id\":\"evt_01\",\"type\":\"participant.joined\",\"createdAt\":\"2025-05-01T08:59:59Z\","
            + "\"applicationId\":\"app_aaaaaaaaaaaaaaaa\",\"onlineMeetingId\":\"BW9Z1MJD4K7QX\",\"seq\":42,"
            + "\"data\":{\"participantId\":\"p1\",\"displayName\":\"Zoë\"}}";

    private final WebhookVerifier verifier = WebhookVerifier.builder()
            .secret(SECRET)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    /** The signature computed by hand, as a receiver in another language would, independent of the code under test. */
    private static String handSigned(String secret, long t, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private static Reason reasonOf(ThrowingVerify call) {
        try {
            call.run();
        } catch (WebhookVerificationException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.reason();
        }
        throw new AssertionError("verification passed");
    }

    private interface ThrowingVerify {
        void run() throws WebhookVerificationException;
    }

    @Test
    void independentlyComputedSignatureVerifies() throws Exception {
        long t = NOW.getEpochSecond();
        String header = "t=" + t + ",v1=" + handSigned(SECRET, t, BODY);

        WebhookEvent event = verifier.verify(header, BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(event.id()).isEqualTo("evt_01");
        assertThat(event.type()).isEqualTo(WebhookEvent.PARTICIPANT_JOINED);
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-05-01T08:59:59Z"));
        assertThat(event.applicationId()).isEqualTo("app_aaaaaaaaaaaaaaaa");
        assertThat(event.onlineMeetingId()).isEqualTo("BW9Z1MJD4K7QX");
        assertThat(event.seq()).isEqualTo(42L);
        assertThat(event.data().path("displayName").asText()).isEqualTo("Zoë");
    }

    @Test
    void signHelperMatchesTheHandComputation() throws Exception {
        long t = NOW.getEpochSecond();
        assertThat(WebhookVerifier.sign(NOW, BODY.getBytes(StandardCharsets.UTF_8), SECRET))
                .isEqualTo("t=" + t + ",v1=" + handSigned(SECRET, t, BODY));
    }

    @Test
    void documentedExampleSignatureIsReproduced() {
        // The worked example in docs/platform-client.md.
        assertThat(WebhookVerifier.sign(Instant.ofEpochSecond(1746090000L),
                        "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8), "whs_example"))
                .isEqualTo("t=1746090000,v1=168a459fb0e7643b4eaab63a74f29e1e87268c922ce730107a44d21d74cd3814");
    }

    @Test
    void stringBodyIsSignedAsUtf8() throws Exception {
        String header = WebhookVerifier.sign(NOW, BODY.getBytes(StandardCharsets.UTF_8), SECRET);
        assertThat(verifier.verify(header, BODY).id()).isEqualTo("evt_01");
    }

    @Test
    void tamperedBodyIsRefused() {
        String header = WebhookVerifier.sign(NOW, BODY.getBytes(StandardCharsets.UTF_8), SECRET);
        String tampered = BODY.replace("\"seq\":42", "\"seq\":43");

        assertThat(reasonOf(() -> verifier.verify(header, tampered))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void wrongSecretIsRefused() {
        String header = WebhookVerifier.sign(NOW, BODY.getBytes(StandardCharsets.UTF_8), "whs_someone_else");

        assertThat(reasonOf(() -> verifier.verify(header, BODY))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void tamperedTimestampIsRefused() throws Exception {
        long t = NOW.getEpochSecond();
        String header = "t=" + (t + 1) + ",v1=" + handSigned(SECRET, t, BODY);

        assertThat(reasonOf(() -> verifier.verify(header, BODY))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void oldTimestampIsRefused() {
        String justInside = WebhookVerifier.sign(NOW.minus(Duration.ofMinutes(5)), BODY.getBytes(StandardCharsets.UTF_8), SECRET);
        String tooOld = WebhookVerifier.sign(NOW.minus(Duration.ofMinutes(5)).minusSeconds(1),
                BODY.getBytes(StandardCharsets.UTF_8), SECRET);

        assertThat(catchVerified(justInside)).isTrue();
        assertThat(reasonOf(() -> verifier.verify(tooOld, BODY))).isEqualTo(Reason.TIMESTAMP_OUTSIDE_WINDOW);
    }

    @Test
    void futureTimestampBeyondTheWindowIsRefused() {
        String ahead = WebhookVerifier.sign(NOW.plus(Duration.ofMinutes(6)), BODY.getBytes(StandardCharsets.UTF_8), SECRET);

        assertThat(reasonOf(() -> verifier.verify(ahead, BODY))).isEqualTo(Reason.TIMESTAMP_OUTSIDE_WINDOW);
    }

    @Test
    void toleranceIsConfigurable() throws Exception {
        WebhookVerifier strict = WebhookVerifier.builder().secret(SECRET).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .tolerance(Duration.ofSeconds(30)).build();
        String minuteOld = WebhookVerifier.sign(NOW.minusSeconds(60), BODY.getBytes(StandardCharsets.UTF_8), SECRET);

        assertThat(reasonOf(() -> strict.verify(minuteOld, BODY))).isEqualTo(Reason.TIMESTAMP_OUTSIDE_WINDOW);
        assertThat(verifier.verify(minuteOld, BODY).id()).isEqualTo("evt_01");
    }

    @Test
    void missingHeaderIsRefused() {
        assertThat(reasonOf(() -> verifier.verify(null, BODY))).isEqualTo(Reason.MISSING_HEADER);
        assertThat(reasonOf(() -> verifier.verify("  ", BODY))).isEqualTo(Reason.MISSING_HEADER);
    }

    @Test
    void malformedHeadersAreRefused() throws Exception {
        long t = NOW.getEpochSecond();
        String sig = handSigned(SECRET, t, BODY);
        for (String header : new String[] {
            "v1=" + sig, // no t
            "t=" + t, // no v1
            "t=" + t + ",v0=" + sig, // only an unknown scheme
            "t=abc,v1=" + sig,
            "t=-5,v1=" + sig,
            "t=" + t + ",t=" + t + ",v1=" + sig,
            "t=" + t + ",v1=" + sig.substring(2),
            "t=" + t + ",v1=" + sig.replace(sig.charAt(0), 'z'),
            "t=" + t + ";v1=" + sig,
            "garbage",
            "t=" + t + ",v1=" + sig + ",x=y".repeat(1200), // longer than 4096 characters
            "t=" + t + (",v1=" + sig).repeat(9), // more v1 values than any rotation needs
        }) {
            assertThat(reasonOf(() -> verifier.verify(header, BODY))).as(header).isEqualTo(Reason.MALFORMED_HEADER);
        }
    }

    @Test
    void anyOfSeveralSignaturesMayMatchDuringRotation() throws Exception {
        long t = NOW.getEpochSecond();
        String header = "t=" + t + ",v1=" + handSigned("whs_new_secret", t, BODY) + ",v1=" + handSigned(SECRET, t, BODY);

        assertThat(verifier.verify(header, BODY).id()).isEqualTo("evt_01");
        assertThat(WebhookVerifier.sign(NOW, BODY.getBytes(StandardCharsets.UTF_8), "whs_new_secret", SECRET)).isEqualTo(header);
    }

    @Test
    void receiverMayHoldSeveralSecrets() throws Exception {
        WebhookVerifier rotating = WebhookVerifier.builder()
                .secrets(java.util.List.of("whs_new_secret", SECRET))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();

        assertThat(rotating.verify(WebhookVerifier.sign(NOW, BODY.getBytes(StandardCharsets.UTF_8), SECRET), BODY).id())
                .isEqualTo("evt_01");
    }

    @Test
    void replayedEventIsRefused() throws Exception {
        WebhookVerifier guarded = WebhookVerifier.builder().secret(SECRET).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .rejectReplays().build();
        String header = WebhookVerifier.sign(NOW, BODY.getBytes(StandardCharsets.UTF_8), SECRET);
        String redelivery = WebhookVerifier.sign(NOW.plusSeconds(30), BODY.getBytes(StandardCharsets.UTF_8), SECRET);

        guarded.verify(header, BODY);

        assertThatThrownBy(() -> guarded.verify(header, BODY))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REPLAYED);
                    assertThat(e.eventId()).isEqualTo("evt_01");
                });
        assertThat(reasonOf(() -> guarded.verify(redelivery, BODY))).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void forgottenEventIsAcceptedAgain() throws Exception {
        SeenEventStore store = new InMemorySeenEventStore();
        WebhookVerifier guarded = WebhookVerifier.builder().secret(SECRET).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .rejectReplays(store).build();
        String header = WebhookVerifier.sign(NOW, BODY.getBytes(StandardCharsets.UTF_8), SECRET);

        guarded.verify(header, BODY);
        store.forget("evt_01"); // handling failed; the receiver answers 500 and Foyer redelivers

        assertThat(guarded.verify(header, BODY).id()).isEqualTo("evt_01");
    }

    @Test
    void replayProtectionIsOffByDefault() throws Exception {
        String header = WebhookVerifier.sign(NOW, BODY.getBytes(StandardCharsets.UTF_8), SECRET);
        verifier.verify(header, BODY);
        assertThat(verifier.verify(header, BODY).id()).isEqualTo("evt_01");
    }

    @Test
    void signedBodyThatIsNoEventIsMalformedEvent() {
        for (String body : new String[] {"not json", "[]", "{\"type\":\"x\",\"createdAt\":\"2025-05-01T09:00:00Z\"}",
            "{\"id\":\"e\",\"type\":\"x\",\"createdAt\":\"yesterday\"}", "{\"id\":\"e\",\"type\":\"x\",\"createdAt\":\"2025-05-01T09:00:00Z\",\"seq\":\"7\"}"}) {
            String header = WebhookVerifier.sign(NOW, body.getBytes(StandardCharsets.UTF_8), SECRET);
            assertThat(reasonOf(() -> verifier.verify(header, body))).as(body).isEqualTo(Reason.MALFORMED_EVENT);
        }
    }

    @Test
    void minimalEventHasEmptyData() throws Exception {
        String body = "{\"id\":\"e\",\"type\":\"meeting.created\",\"createdAt\":\"2025-05-01T09:00:00Z\",\"future\":true}";
        WebhookEvent event = verifier.verify(WebhookVerifier.sign(NOW, body.getBytes(StandardCharsets.UTF_8), SECRET), body);

        assertThat(event.data().isObject()).isTrue();
        assertThat(event.data().size()).isZero();
        assertThat(event.seq()).isNull();
        assertThat(event.onlineMeetingId()).isNull();
    }

    private boolean catchVerified(String header) {
        try {
            verifier.verify(header, BODY);
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }
}
