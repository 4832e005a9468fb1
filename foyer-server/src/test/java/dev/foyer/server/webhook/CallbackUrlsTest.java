package dev.foyer.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.server.error.FoyerException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
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
        assertThatThrownBy(() -> CallbackUrls.addresses("localhost", false, CallbackUrls.SYSTEM))
                .isInstanceOf(CallbackUrls.RefusedHostException.class).hasMessageContaining("non-public");
        assertThat(CallbackUrls.addresses("localhost", true, CallbackUrls.SYSTEM)).isNotEmpty();
    }

    @Test
    void aNameWithAnyPrivateAddressAmongItsAddressesIsRefusedBeforeAnyConnection() throws Exception {
        try (ServerSocket receiver = receiver()) {
            CallbackUrls.Resolver mixed = host -> List.of(InetAddress.getByName("93.184.216.34"),
                    InetAddress.getLoopbackAddress());
            OkHttpClient http = client(CallbackUrls.pinned(false, mixed));

            assertThatThrownBy(() -> post(http, "http://hooks.example.test:" + receiver.getLocalPort() + "/hook"))
                    .isInstanceOf(CallbackUrls.RefusedHostException.class).hasMessageContaining("127.0.0.1");
            assertThat(accepted(receiver)).isFalse();
        }
    }

    @Test
    void aNameThatRebindsToAPrivateAddressAfterTheCheckCannotReachIt() throws Exception {
        try (ServerSocket receiver = receiver()) {
            // Public on the first lookup, loopback on every later one: a check followed by a
            // second lookup for the connection would reach the receiver.
            AtomicInteger lookups = new AtomicInteger();
            CallbackUrls.Resolver rebinding = host -> List.of(lookups.getAndIncrement() == 0
                    ? InetAddress.getByName("192.0.2.10") : InetAddress.getLoopbackAddress());
            OkHttpClient http = client(CallbackUrls.pinned(false, rebinding));

            assertThatThrownBy(() -> post(http, "http://rebind.example.test:" + receiver.getLocalPort() + "/hook"))
                    .isInstanceOf(IOException.class);
            assertThat(lookups.get()).as("one lookup, for the connection itself").isEqualTo(1);
            assertThat(accepted(receiver)).as("the loopback receiver was never reached").isFalse();
        }
    }

    @Test
    void theConnectionGoesToTheAddressesThatPassedTheCheck() throws Exception {
        try (ServerSocket receiver = receiver()) {
            CallbackUrls.Resolver loopback = host -> List.of(InetAddress.getLoopbackAddress());
            OkHttpClient http = client(CallbackUrls.pinned(true, loopback));
            Thread answer = new Thread(() -> {
                try (Socket s = receiver.accept()) {
                    s.getOutputStream().write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the assertion below fails
                }
            });
            answer.start();

            assertThat(post(http, "http://only-in-this-test.example:" + receiver.getLocalPort() + "/hook")).isEqualTo(204);
            answer.join(5_000);
        }
    }

    private static ServerSocket receiver() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        s.setSoTimeout(500);
        return s;
    }

    private static boolean accepted(ServerSocket receiver) throws IOException {
        try (Socket s = receiver.accept()) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static OkHttpClient client(okhttp3.Dns dns) {
        return new OkHttpClient.Builder().dns(dns).connectTimeout(Duration.ofSeconds(1))
                .callTimeout(Duration.ofSeconds(5)).retryOnConnectionFailure(false).build();
    }

    private static int post(OkHttpClient http, String url) throws IOException {
        Request request = new Request.Builder().url(url).post(RequestBody.create(new byte[0], null)).build();
        try (Response r = http.newCall(request).execute()) {
            return r.code();
        }
    }

    @Test
    void theBackoffDoublesWithJitterUpToItsCap() {
        WebhookSettings s = new WebhookSettings(java.time.Duration.ofSeconds(10), java.time.Duration.ofHours(24),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(10), false, 1);
        assertThat(s.backoff(1, 0.5).toMillis()).isEqualTo(1000);
        assertThat(s.backoff(2, 0.5).toMillis()).isEqualTo(2000);
        assertThat(s.backoff(4, 0.0).toMillis()).isEqualTo(6400);
        assertThat(s.backoff(4, 0.999).toMillis()).isBetween(9590L, 9600L);
        assertThat(s.backoff(40, 0.5)).isEqualTo(java.time.Duration.ofMinutes(10));
    }
}
