package dev.foyer.platform.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.foyer.platform.AccessLevel;
import dev.foyer.platform.AdhocMeetingRequest;
import dev.foyer.platform.AnonymousTokenRequest;
import dev.foyer.platform.FoyerException;
import dev.foyer.platform.FoyerPlatformClient;
import dev.foyer.platform.JoinTicket;
import dev.foyer.platform.Meeting;
import dev.foyer.platform.WebhookEvent;
import dev.foyer.platform.WebhookVerificationException;
import dev.foyer.platform.WebhookVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The example of docs/platform-client.md, compiled and run by {@link AdviceCallBackendTest}: a
 * business back-end (plain JDK, no framework) that gives its signed-in visitor a video call with
 * an advisor, and receives Foyer's webhooks.
 */
public final class AdviceCallBackend {
    private AdviceCallBackend() {}

    public static HttpServer start(FoyerPlatformClient foyer, WebhookVerifier webhooks,
            Function<HttpExchange, String> authenticate, BlockingQueue<WebhookEvent> events) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Meeting> meetings = new ConcurrentHashMap<>(); // visitor -> their open meeting
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);

        http.createContext("/api/advice-call", ex -> {
            String visitor = authenticate.apply(ex); // your own authentication: session, JWT, ...
            if (visitor == null) {
                reply(ex, 401, "{}");
                return;
            }
            try {
                Meeting meeting = meetings.get(visitor);
                if (meeting == null || !foyer.getMeeting(meeting.onlineMeetingId()).isActive()) {
                    meeting = foyer.createAdhocMeeting(AdhocMeetingRequest.builder("Advice call")
                            .accessLevel(AccessLevel.INVITED).build());
                    meetings.put(visitor, meeting);
                }
                JoinTicket ticket = foyer.createAnonymousToken(AnonymousTokenRequest.builder()
                        .applicationSessionId(visitor)
                        .meetingUrl(meeting.joinUrl())
                        .allowedOrigins(List.of("https://shop.example"))
                        .build());
                reply(ex, 200, json.writeValueAsString(Map.of("joinUrl", meeting.joinUrl(),
                        "token", ticket.token(), "discoverUri", ticket.discoverUri())));
            } catch (FoyerException e) {
                reply(ex, 502, "{}"); // log e; its code says what Foyer refused
            }
        });

        http.createContext("/webhooks/foyer", ex -> {
            try {
                WebhookEvent event = webhooks.verify(
                        ex.getRequestHeaders().getFirst(WebhookVerifier.SIGNATURE_HEADER), ex.getRequestBody().readAllBytes());
                events.add(event); // hand it to your own processing
                reply(ex, 204, "");
            } catch (WebhookVerificationException e) {
                // A replay was already accepted: 2xx stops redelivery. Anything else is not from Foyer.
                reply(ex, e.reason() == WebhookVerificationException.Reason.REPLAYED ? 200 : 400, "");
            }
        });

        http.start();
        return http;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
