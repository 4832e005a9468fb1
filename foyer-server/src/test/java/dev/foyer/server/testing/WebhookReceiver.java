package dev.foyer.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real HTTP server on 127.0.0.1 that receives webhooks and records each request. By default it
 * answers 204; {@link #thenRespond} queues other answers (a status, optionally after a delay) for
 * the next requests, in order.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** One request as received. */
    public record Received(String signature, String eventIdHeader, String body, long receivedAtMillis) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String type() {
            return json().path("type").asText();
        }
    }

    private record Answer(int status, Duration delay) {}

    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final List<Received> seen = new ArrayList<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final int port;
    private HttpServer server;

    private WebhookReceiver(int port) {
        this.port = port;
        listen();
    }

    public static WebhookReceiver start(int port) {
        return new WebhookReceiver(port);
    }

    public static WebhookReceiver start() {
        return new WebhookReceiver(0);
    }

    private void listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer = answers.poll();
            if (answer != null && !answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            inbox.add(new Received(exchange.getRequestHeaders().getFirst("Foyer-Signature"),
                    exchange.getRequestHeaders().getFirst("Foyer-Event-Id"), body, System.currentTimeMillis()));
            try {
                exchange.sendResponseHeaders(answer == null ? 204 : answer.status(), -1);
            } catch (IOException e) {
                // the sender gave up (timed out): nothing to answer
            }
            exchange.close();
        });
        server.start();
    }

    /** The callback URL to register. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next requests get {@code status}, each after {@code delay}. */
    public WebhookReceiver thenRespond(int status, Duration delay, int times) {
        for (int i = 0; i < times; i++) {
            answers.add(new Answer(status, delay));
        }
        return this;
    }

    /** Forgets the queued answers: from now on it answers 204. */
    public WebhookReceiver healed() {
        answers.clear();
        return this;
    }

    public WebhookReceiver thenRespond(int status, int times) {
        return thenRespond(status, Duration.ZERO, times);
    }

    /** The next request, waiting for it. */
    public Received next() {
        try {
            Received r = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError("no webhook within " + WAIT + "; received so far: " + bodies());
            }
            seen.add(r);
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next request of this event type, skipping others. */
    public Received awaitType(String type) {
        return await(r -> r.type().equals(type), type);
    }

    /**
     * Waits until one request of each type has arrived, in any order (deliveries run in parallel);
     * others are skipped.
     */
    public java.util.Map<String, Received> awaitTypes(String... types) {
        java.util.Map<String, Received> found = new java.util.LinkedHashMap<>();
        java.util.Set<String> wanted = java.util.Set.of(types);
        while (found.size() < wanted.size()) {
            Received r = next();
            if (wanted.contains(r.type())) {
                found.putIfAbsent(r.type(), r);
            }
        }
        return found;
    }

    public Received await(Predicate<Received> match, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Received r = next();
            if (match.test(r)) {
                return r;
            }
        }
        throw new AssertionError("no webhook matching " + what + "; received: " + bodies());
    }

    /** What arrived within {@code quiet}, without waiting longer. */
    public List<Received> drain(Duration quiet) {
        List<Received> out = new ArrayList<>();
        try {
            Received r;
            while ((r = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                out.add(r);
                seen.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private List<String> bodies() {
        return seen.stream().map(Received::body).toList();
    }

    /** Stops listening: connections are refused until {@link #restart}. */
    public void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** Listens again on the same port. */
    public WebhookReceiver restart() {
        return new WebhookReceiver(port());
    }

    @Override
    public void close() {
        stop();
    }
}
