package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The opening handshake of the signaling WebSocket, as the bytes on the wire show it. */
class SignalingUpgradeTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Each upgrade used to leave an HTTP session in the server's memory for good, and a cookie on the client. */
    @Test
    void upgradeCreatesNoHttpSessionCookie() throws IOException {
        String headers = upgrade("/signaling/v1/meetings/WNXR8RMTZC0KR");
        assertThat(headers).startsWith("HTTP/1.1 101");
        assertThat(headers.toLowerCase()).doesNotContain("set-cookie").doesNotContain("jsessionid");
    }

    /**
     * Compression would be per recipient (defeating encode-once fan-out) and hold a zlib context
     * per connection; chat and roster frames are small.
     */
    @Test
    void offeredPerMessageDeflateIsDeclined() throws IOException {
        String headers = upgrade("/signaling/v1/meetings/WNXR8RMTZC0KR",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        assertThat(headers).startsWith("HTTP/1.1 101");
        assertThat(headers.toLowerCase()).doesNotContain("sec-websocket-extensions");
    }

    /** Clients see a clear error for a wrong address: the API's JSON 404, not Jetty's HTML page. */
    @Test
    void anUpgradeToAnyOtherPathGetsTheApisJson404() throws IOException {
        for (String path : new String[] {"/signaling/v1/meetings/WNXR8RMTZC0KR/extra", "/signaling/v1", "/nowhere"}) {
            String response = upgrade(path, "", true);
            assertThat(response).as(path).startsWith("HTTP/1.1 404");
            assertThat(response.toLowerCase()).as(path).contains("content-type: application/json");
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            JsonNode error = new ObjectMapper().readTree(body).get("error");
            assertThat(error.get("code").asText()).as(path).isEqualTo("not_found");
            assertThat(error.get("message").asText()).as(path).contains(path)
                    .contains("/signaling/v1/meetings/{onlineMeetingId}");
        }
    }

    private static String upgrade(String path) throws IOException {
        return upgrade(path, "");
    }

    private static String upgrade(String path, String extraHeaders) throws IOException {
        return upgrade(path, extraHeaders, false);
    }

    /** The response's head, and with {@code withBody} its body too (of its Content-Length). */
    private static String upgrade(String path, String extraHeaders, boolean withBody) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(10_000);
            s.connect(new InetSocketAddress("127.0.0.1", server.server().port()), 5_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.US_ASCII);
            if (!withBody) {
                return headers;
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(headers);
            assertThat(length.find()).as("a Content-Length in %s", headers).isTrue();
            return headers + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }
    }
}
