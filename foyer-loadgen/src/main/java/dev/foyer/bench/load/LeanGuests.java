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
 * Guests for tens of thousands of idle connections, or a fan-out measured without the SDK's two
 * threads per guest (its conversation thread and OkHttp's WebSocket reader) dominating this side:
 * the same protocol ({@code GET discoverUri}, WebSocket, {@code join}, wait for {@code snapshot},
 * {@code chat.send}) on the JDK's asynchronous HTTP client, which shares a few threads among all
 * sockets. It answers pings (the JDK does), hands the text of each {@code chat} event and the
 * code of each {@code error} to a {@link TextSink}, and ignores the rest.
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

    /** What a fan-out receiver does with what arrives after the roster; runs on the client's threads. */
    interface TextSink {
        /** A {@code chat} event (this guest's own lines included) with its {@code text}. */
        void chat(String text, long nowNanos);

        /** An {@code error} frame, such as a refused chat line. */
        void error(String code);
    }

    /** Joins; completes with the guest once its {@code snapshot} (the roster) arrived. */
    CompletableFuture<Guest> join(Tickets.Ticket t) {
        return join(t, null);
    }

    /** Joins, then hands chat and errors to {@code sink} (null: ignore them). */
    CompletableFuture<Guest> join(Tickets.Ticket t, TextSink sink) {
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
            Guest g = new Guest(t, sink);
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
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        /** {@link System#nanoTime()} when the roster arrived. */
        volatile long inMeetingAt;
        private final Tickets.Ticket ticket;
        private final TextSink sink;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;
        /** The JDK allows one send at a time per socket: each send waits for the one before. */
        private CompletableFuture<WebSocket> sending;
        private int sent;

        Guest(Tickets.Ticket ticket, TextSink sink) {
            this.ticket = ticket;
            this.sink = sink;
        }

        /** Sends a chat line with a fresh {@code clientMessageId}. */
        synchronized void say(String text) {
            String frame = JSON.createObjectNode().put("type", "chat.send").put("clientMessageId", "c" + ++sent)
                    .put("text", text).toString();
            sending = sending.thenCompose(w -> w.sendText(frame, true));
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            synchronized (this) {
                ws = webSocket;
                sending = webSocket.sendText(JSON.createObjectNode().put("type", "join").put("v", 1)
                        .put("token", ticket.token()).put("displayName", ticket.name()).toString(), true);
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!inMeeting.isDone() || sink != null) {
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    partial.setLength(0);
                    received(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void received(String frame) {
            String head = frame.substring(0, Math.min(64, frame.length())); // "type" is written first
            if (!inMeeting.isDone()) {
                if (head.contains("\"type\":\"snapshot\"")) {
                    inMeetingAt = System.nanoTime();
                    inMeeting.complete(this);
                } else if (head.contains("\"type\":\"error\"")) {
                    inMeeting.completeExceptionally(new IllegalStateException(errorOf(frame)));
                }
            } else if (head.contains("\"type\":\"chat\",")) {
                sink.chat(field(frame, "text"), System.nanoTime());
            } else if (head.contains("\"type\":\"error\"")) {
                sink.error(field(frame, "code"));
            }
        }

        /** A top-level string field, read with the streaming parser (no tree). */
        private static String field(String frame, String name) {
            try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(frame)) {
                parser.nextToken();
                while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (field.equals(name)) {
                        return parser.getValueAsString();
                    }
                    parser.skipChildren();
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inMeeting.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inMeeting.completeExceptionally(error);
            closed.complete(-1);
        }

        /** Sends {@code leave} after anything still being sent; the server closes the connection. */
        synchronized CompletableFuture<WebSocket> leave() {
            sending = sending.thenCompose(w -> w.sendText("{\"type\":\"leave\"}", true));
            return sending;
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
