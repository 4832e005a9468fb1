package dev.foyer.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {
    @Test
    void matchesAFixedVectorComputedWithOpenssl() {
        // echo -n "1700000000:alice" | openssl dgst -sha1 -hmac "s3cret" -binary | base64
        TurnCredentials c = TurnCredentials.create("s3cret", "alice", Instant.ofEpochSecond(1_700_000_000L));

        assertThat(c.username()).isEqualTo("1700000000:alice");
        assertThat(c.credential()).isEqualTo("TtElzSjT0GdnTQ9xdcRNxx96yQs=");
        assertThat(c.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void userIdMayContainTheSeparatorAndExpiryIsTruncatedToSeconds() throws Exception {
        Instant expiry = Instant.ofEpochSecond(1_700_000_000L, 999_000_000);

        TurnCredentials c = TurnCredentials.create("north-turn-secret", "guest:sess-42", expiry);

        assertThat(c.username()).isEqualTo("1700000000:guest:sess-42");
        assertThat(c.credential()).isEqualTo("fGCVNgrVA84jEZL72JcwMu4MWIw=")
                .isEqualTo(independentHmac("north-turn-secret", "1700000000:guest:sess-42"));
        assertThat(c.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void credentialIsHmacSha1OfTheUsername() throws Exception {
        Instant expiry = Instant.parse("2026-03-02T10:00:00Z");

        TurnCredentials c = TurnCredentials.create("a long shared secret ✓", "p_7", expiry);

        assertThat(c.username()).isEqualTo(expiry.getEpochSecond() + ":p_7");
        assertThat(c.credential()).isEqualTo(independentHmac("a long shared secret ✓", c.username()));
        assertThat(c.toString()).doesNotContain(c.credential());
    }

    private static String independentHmac(String secret, String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }
}
