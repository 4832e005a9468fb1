package dev.foyer.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Guests for tens of thousands of idle connections, where the SDK's two threads per guest (its
 * conversation thread and OkHttp's WebSocket reader) would dominate this side: the same protocol
 * ({@code GET discoverUri}, WebSocket, {@code join}, wait for {@code snapshot}) on the JDK's
 * asynchronous HTTP client, which shares a few threads among all sockets. It answers pings (the
 * JDK does) and otherwise ignores what the server sends.
 */
final class LeanGuests implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bench-lean");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().executor(threads).connectTimeout(Duration.ofSeconds(30))
            .build();

    /** Joins; completes with the guest once its {@code snapshot} (the roster) arrived. */
    CompletableFuture<Guest> join(Tickets.Ticket t) {
        HttpRequest discover = HttpRequest.newBuilder(URI.create(t.discoverUri()))
                .header("Authorization", "Bearer " + t.token()).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).build();
        return http.sendAsync(discover, HttpResponse.BodyHandlers.ofString()).thenCompose(r -> {
            if (r.statusCode() != 200) {
                throw new IllegalStateException("discovery answered " + r.statusCode() + ": " + r.body());
            }
            String signalingUrl;
            try {
                signalingUrl = JSON.readTree(r.body()).path("signalingUrl").asText();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("discovery answer is not JSON", e);
            }
            Guest g = new Guest(t);
            return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(signalingUrl), g).thenCompose(ws -> g.inMeeting);
        });
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** One connection: sends {@code join} on open, completes on {@code snapshot}. */
    static final class Guest implements WebSocket.Listener {
        final CompletableFuture<Guest> inMeeting = new CompletableFuture<>();
        private final Tickets.Ticket ticket;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;

        Guest(Tickets.Ticket ticket) {
            this.ticket = ticket;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.sendText(JSON.createObjectNode().put("type", "join").put("v", 1).put("token", ticket.token())
                    .put("displayName", ticket.name()).toString(), true);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!inMeeting.isDone()) {
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    partial.setLength(0);
                    String head = frame.substring(0, Math.min(64, frame.length())); // "type" is written first
                    if (head.contains("\"type\":\"snapshot\"")) {
                        inMeeting.complete(this);
                    } else if (head.contains("\"type\":\"error\"")) {
                        inMeeting.completeExceptionally(new IllegalStateException(errorOf(frame)));
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inMeeting.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inMeeting.completeExceptionally(error);
        }

        /** Sends {@code leave}; the server closes the connection. */
        CompletableFuture<WebSocket> leave() {
            return ws.sendText("{\"type\":\"leave\"}", true);
        }

        private static String errorOf(String frame) {
            try {
                JsonNode n = JSON.readTree(frame);
                return n.path("code").asText() + ": " + n.path("message").asText();
            } catch (java.io.IOException e) {
                return frame;
            }
        }
    }
}
