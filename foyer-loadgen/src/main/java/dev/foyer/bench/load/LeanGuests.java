package dev.foyer.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketFrame;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Guests for tens of thousands of idle connections, or a join storm or fan-out measured without
 * the SDK's two threads per guest (its conversation thread and OkHttp's WebSocket reader)
 * dominating this side: the same protocol ({@code GET discoverUri}, WebSocket, {@code join}, wait
 * for {@code snapshot}, {@code chat.send}) on Jetty's HTTP and WebSocket clients, which share one
 * selector and a few threads among all sockets and hand each frame to the guest on the thread
 * that read it. It answers pings (Jetty does), hands the text of each {@code chat} event and the
 * code of each {@code error} to a {@link TextSink}, and ignores the rest.
 *
 * <p>Jetty rather than the JDK's {@code HttpClient}: in a join storm the JDK client cost this
 * side ~3 ms of CPU per guest (a chain of {@code CompletableFuture}s and scheduler hand-offs for
 * every frame and response), as much as the server's whole join; docs/performance.md.
 */
public final class LeanGuests implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A snapshot of a meeting of 1,000 with its recent chat is well above Jetty's default (64 KiB). */
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final QueuedThreadPool threads = new QueuedThreadPool(8, 2);
    private final HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(1));
    private final WebSocketClient ws = new WebSocketClient(http);

    LeanGuests() {
        threads.setName("bench-lean");
        threads.setDaemon(true);
        http.setExecutor(threads);
        http.setConnectTimeout(30_000);
        http.setMaxConnectionsPerDestination(1_024);
        ws.setMaxTextMessageSize(MAX_FRAME_BYTES);
        ws.setIdleTimeout(Duration.ofHours(1));
        try {
            http.start();
            ws.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot start the bench's HTTP client", e);
        }
    }

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
        Guest g = new Guest(t, sink);
        http.newRequest(t.discoverUri())
                .headers(h -> h.put(HttpHeader.AUTHORIZATION, "Bearer " + t.token())
                        .put(HttpHeader.ACCEPT, "application/json"))
                .timeout(60, TimeUnit.SECONDS)
                .send(new BufferingResponseListener() {
                    @Override
                    public void onComplete(Result result) {
                        if (result.isFailed()) {
                            g.inMeeting.completeExceptionally(result.getFailure());
                        } else if (result.getResponse().getStatus() != 200) {
                            g.inMeeting.completeExceptionally(new IllegalStateException("discovery answered "
                                    + result.getResponse().getStatus() + ": " + getContentAsString()));
                        } else {
                            connect(g, getContentAsString());
                        }
                    }
                });
        return g.inMeeting;
    }

    private void connect(Guest g, String discovery) {
        try {
            String signalingUrl = JSON.readTree(discovery).path("signalingUrl").asText();
            ws.connect(g, URI.create(signalingUrl)).whenComplete((session, e) -> {
                if (e != null) {
                    g.inMeeting.completeExceptionally(e);
                    g.closed.complete(-1);
                }
            });
        } catch (IOException | RuntimeException e) {
            g.inMeeting.completeExceptionally(new IllegalStateException("cannot connect after discovery: " + e, e));
            g.closed.complete(-1);
        }
    }

    @Override
    public void close() {
        try {
            ws.stop();
            http.stop();
        } catch (Exception e) {
            // Stopping a load generator's clients: nothing left to do.
        }
    }

    /**
     * One connection: sends {@code join} on open, completes on {@code snapshot}. It takes frames
     * as they come off the wire and reads only the first bytes of each (the {@code type}, which
     * the server writes first): a frame nobody looks at — in a join storm, the {@code
     * participant.joined} of everyone who comes after — is never decoded. Public, with its
     * enclosing class, only because Jetty calls its methods through a public lookup.
     */
    @WebSocket(autoDemand = true)
    public static final class Guest {
        private static final int HEAD_BYTES = 64;
        private static final byte[] TEXT_KEY = "\"text\":\"".getBytes(StandardCharsets.US_ASCII);
        /** RFC 6455 opcodes. */
        private static final byte CONTINUATION = 0x0;
        private static final byte TEXT = 0x1;

        final CompletableFuture<Guest> inMeeting = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        /** {@link System#nanoTime()} when the roster arrived. */
        volatile long inMeetingAt;
        private final Tickets.Ticket ticket;
        private final TextSink sink;
        /** Set on open; sends are made under this object's lock, so that they leave in order. */
        private Session session;
        private int sent;
        /** A text message arriving in several frames (the server sends none; Jetty's reader thread only). */
        private ByteArrayOutputStream fragments;

        Guest(Tickets.Ticket ticket, TextSink sink) {
            this.ticket = ticket;
            this.sink = sink;
        }

        /** Sends a chat line with a fresh {@code clientMessageId}. */
        synchronized void say(String text) {
            session.sendText(JSON.createObjectNode().put("type", "chat.send").put("clientMessageId", "c" + ++sent)
                    .put("text", text).toString(), Callback.NOOP);
        }

        @OnWebSocketOpen
        public synchronized void opened(Session opened) {
            session = opened;
            session.sendText(JSON.createObjectNode().put("type", "join").put("v", 1).put("token", ticket.token())
                    .put("displayName", ticket.name()).toString(), Callback.NOOP);
        }

        @OnWebSocketFrame
        public void frame(Frame frame, Callback callback) {
            try {
                take(frame);
                callback.succeed();
            } catch (RuntimeException e) {
                callback.fail(e);
            }
        }

        private void take(Frame frame) {
            byte op = frame.getOpCode();
            if (op != TEXT && !(op == CONTINUATION && fragments != null)) {
                return; // pings are answered by Jetty; the close handshake too
            }
            ByteBuffer payload = frame.hasPayload() ? frame.getPayload().duplicate() : ByteBuffer.allocate(0);
            if (!frame.isFin() || fragments != null) {
                if (fragments == null) {
                    fragments = new ByteArrayOutputStream();
                }
                byte[] part = new byte[payload.remaining()];
                payload.get(part);
                fragments.write(part, 0, part.length);
                if (!frame.isFin()) {
                    return;
                }
                payload = ByteBuffer.wrap(fragments.toByteArray());
                fragments = null;
            }
            if (!inMeeting.isDone() || sink != null) {
                received(payload);
            }
        }

        private void received(ByteBuffer payload) {
            byte[] first = new byte[Math.min(HEAD_BYTES, payload.remaining())];
            payload.duplicate().get(first);
            String head = new String(first, StandardCharsets.ISO_8859_1); // "type" is written first
            if (!inMeeting.isDone()) {
                if (head.contains("\"type\":\"snapshot\"")) {
                    inMeetingAt = System.nanoTime();
                    inMeeting.complete(this);
                } else if (head.contains("\"type\":\"error\"")) {
                    inMeeting.completeExceptionally(new IllegalStateException(errorOf(utf8(payload))));
                }
            } else if (head.contains("\"type\":\"chat\",")) {
                sink.chat(chatText(payload), System.nanoTime());
            } else if (head.contains("\"type\":\"error\"")) {
                sink.error(field(utf8(payload), "code"));
            }
        }

        /**
         * The top-level {@code text} of a chat frame, cut out of its bytes: a fan-out receiver
         * gets hundreds of thousands a second, and decoding and parsing each whole frame was
         * half of this side's CPU. Text with escapes in it goes through the parser.
         */
        private static String chatText(ByteBuffer payload) {
            int key = indexOf(payload, TEXT_KEY);
            if (key >= 0) {
                int start = key + TEXT_KEY.length;
                for (int i = start; i < payload.limit(); i++) {
                    byte b = payload.get(i);
                    if (b == '\\') {
                        break;
                    }
                    if (b == '"') {
                        byte[] text = new byte[i - start];
                        payload.duplicate().position(start).get(text);
                        return new String(text, StandardCharsets.UTF_8);
                    }
                }
            }
            return field(utf8(payload), "text");
        }

        /** Where {@code pattern} starts in {@code payload} (an absolute index), or -1. */
        private static int indexOf(ByteBuffer payload, byte[] pattern) {
            int last = payload.limit() - pattern.length;
            outer:
            for (int i = payload.position(); i <= last; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (payload.get(i + j) != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        private static String utf8(ByteBuffer payload) {
            return StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
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

        @OnWebSocketClose
        public void onWebSocketClose(int statusCode, String reason) {
            inMeeting.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            closed.complete(statusCode);
        }

        @OnWebSocketError
        public void onWebSocketError(Throwable error) {
            inMeeting.completeExceptionally(error);
            closed.complete(-1);
        }

        /** Sends {@code leave} after anything still being sent; the server closes the connection. */
        synchronized CompletableFuture<Void> leave() {
            CompletableFuture<Void> left = new CompletableFuture<>();
            if (session == null) {
                left.complete(null);
                return left;
            }
            session.sendText("{\"type\":\"leave\"}", Callback.from(() -> left.complete(null), left::completeExceptionally));
            return left;
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
