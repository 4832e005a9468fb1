package dev.foyer.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.server.error.FoyerException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class CallbackUrlsTest {
    @Test
    void privateLoopbackAndLinkLocalCallbacksAreRefusedWithoutTheFlag() {
        for (String url : new String[] {"http://127.0.0.1:9/hook", "http://localhost/hook", "http://api.localhost/h",
                "http://10.1.2.3/", "http://192.168.0.10/", "http://172.16.5.4/", "http://169.254.169.254/latest",
                "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://0.0.0.0/", "http://100.64.0.1/"}) {
            assertThatThrownBy(() -> CallbackUrls.validate(url, false)).as(url)
                    .isInstanceOf(FoyerException.class).hasMessageStartingWith("callbackUrl:");
            assertThat(CallbackUrls.validate(url, true)).as(url).isEqualTo(url);
        }
    }

    @Test
    void publicHttpAndHttpsUrlsAreAccepted() {
        assertThat(CallbackUrls.validate("https://hooks.example.com/foyer", false))
                .isEqualTo("https://hooks.example.com/foyer");
        assertThat(CallbackUrls.validate("http://93.184.216.34:8080/x", false)).isEqualTo("http://93.184.216.34:8080/x");
        assertThat(CallbackUrls.validate("  ", false)).isNull();
    }

    @Test
    void onlyAbsoluteHttpUrlsWithoutUserInfoAreCallbacks() {
        for (String url : new String[] {"ftp://example.com/", "/relative", "https://user:pw@example.com/",
                "javascript:alert(1)", "https://example.com/#frag", "http://exa mple.com/"}) {
            assertThatThrownBy(() -> CallbackUrls.validate(url, true)).as(url).isInstanceOf(FoyerException.class);
        }
    }

    @Test
    void atDeliveryANameResolvingToLoopbackIsRefusedUnlessAllowed() throws Exception {
        assertThatThrownBy(() -> CallbackUrls.checkResolved(URI.create("http://localhost:1/"), false))
                .isInstanceOf(CallbackUrls.RefusedException.class).hasMessageContaining("non-public");
        CallbackUrls.checkResolved(URI.create("http://localhost:1/"), true);
    }

    @Test
    void theBackoffDoublesWithJitterUpToItsCap() {
        WebhookSettings s = new WebhookSettings(java.time.Duration.ofSeconds(10), java.time.Duration.ofHours(24),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(10), false, java.time.Duration.ofDays(7), 1);
        assertThat(s.backoff(1, 0.5).toMillis()).isEqualTo(1000);
        assertThat(s.backoff(2, 0.5).toMillis()).isEqualTo(2000);
        assertThat(s.backoff(4, 0.0).toMillis()).isEqualTo(6400);
        assertThat(s.backoff(4, 0.999).toMillis()).isBetween(9590L, 9600L);
        assertThat(s.backoff(40, 0.5)).isEqualTo(java.time.Duration.ofMinutes(10));
    }
}
