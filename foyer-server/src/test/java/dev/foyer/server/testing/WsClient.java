package dev.foyer.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A real WebSocket client for tests that records every frame it receives; the {@code await...}
 * helpers wait with a deadline and fail with what was received instead.
 */
public final class WsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();

    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile String closeReason;

    private WsClient(String url, String origin) {
        Request.Builder request = new Request.Builder().url(url);
        if (origin != null) {
            request.header("Origin", origin);
        }
        socket = HTTP.newWebSocket(request.build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                opened.complete(null);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                try {
                    inbox.add(JSON.readTree(text));
                } catch (IOException e) {
                    inbox.add(JSON.createObjectNode().put("type", "unparseable").put("text", text));
                }
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                closeReason = reason;
                closed.complete(code);
                webSocket.close(1000, null);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                opened.completeExceptionally(t);
                closed.complete(-1);
            }
        });
    }

    /** Connects to a signaling URL (as discovery returned it), optionally as a browser on {@code origin}. */
    public static WsClient connect(String signalingUrl, String origin) {
        WsClient client = new WsClient(signalingUrl.replaceFirst("^ws", "http"), origin);
        client.opened.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    public static WsClient connect(String signalingUrl) {
        return connect(signalingUrl, null);
    }

    public WsClient send(String json) {
        socket.send(json);
        return this;
    }

    public WsClient send(ObjectNode message) {
        return send(message.toString());
    }

    public static ObjectNode message(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    /** Sends {@code join} and waits for {@code joined}. */
    public JsonNode join(String token, String displayName) {
        send(message("join").put("v", 1).put("token", token).put("displayName", displayName));
        return awaitType("joined");
    }

    /** The next frame, whatever its type. */
    public JsonNode next() {
        try {
            JsonNode m = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError("no frame within " + WAIT + "; saw " + seen);
            }
            seen.add(m);
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Skips frames until one of {@code type} arrives. */
    public JsonNode awaitType(String type) {
        return await(m -> type.equals(m.path("type").asText()), "a '" + type + "' frame");
    }

    public JsonNode await(Predicate<JsonNode> match, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode m = inbox.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (m != null) {
                    seen.add(m);
                    if (match.test(m)) {
                        return m;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no " + what + " within " + WAIT + "; saw " + seen);
    }

    /** Asserts no frame of {@code type} arrives within {@code quiet}; returns what did arrive. */
    public List<JsonNode> noneOf(String type, Duration quiet) {
        List<JsonNode> got = new ArrayList<>();
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode m = inbox.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (m != null) {
                    seen.add(m);
                    got.add(m);
                    if (type.equals(m.path("type").asText())) {
                        throw new AssertionError("unexpected '" + type + "' frame: " + m);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return got;
    }

    /** Waits for the server to close the connection; returns the close code. */
    public int awaitClose() {
        return awaitClose(WAIT);
    }

    /** Waits up to {@code within} for the server to close the connection; returns the close code. */
    public int awaitClose(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not closed within " + within + "; saw " + seen);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Skips frames until an {@code error} arrives, and asserts its code. */
    public JsonNode awaitError(String code) {
        JsonNode error = awaitType("error");
        if (!code.equals(error.path("code").asText())) {
            throw new AssertionError("expected error " + code + " but got " + error + "; saw " + seen);
        }
        return error;
    }

    /** Sends {@code ping} with request id {@code id} and waits for its {@code pong}: a round trip. */
    public void roundTrip(String id) {
        send(message("ping").put("id", id));
        await(m -> "pong".equals(m.path("type").asText()) && id.equals(m.path("re").asText()), "pong " + id);
    }

    /** The highest {@code seq} among the frames taken so far, or 0. */
    public long lastSeq() {
        return seen.stream().mapToLong(m -> m.path("seq").asLong(0)).max().orElse(0);
    }

    /** The frames of {@code type} taken so far. */
    public List<JsonNode> seen(String type) {
        return seen.stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    /** Whether the connection has been closed (by either side, or broken). */
    public boolean isClosed() {
        return closed.isDone();
    }

    public String closeReason() {
        return closeReason;
    }

    /** Drops the connection abruptly, without a close handshake (a lost network). */
    public void drop() {
        socket.cancel();
    }

    /** Every frame taken from the inbox so far. */
    public List<JsonNode> seen() {
        return seen;
    }

    @Override
    public void close() {
        socket.close(1000, null);
    }
}
