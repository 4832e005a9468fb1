package dev.foyer.examples.contoso;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a browser on the app's page does over HTTP: keeps the session cookie, sends the app's CSRF
 * header and its own Origin on POSTs, and can listen to a Server-Sent Events stream.
 */
final class Browser {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String base;
    private volatile String cookie;

    Browser(String base) {
        this.base = base;
    }

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        com.fasterxml.jackson.databind.JsonNode json() {
            return ContosoFixture.json(body);
        }
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, String json) {
        return send(request(path).header("X-Requested-With", "fetch").header("Origin", base)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Opens an SSE stream; its events' {@code data} lines arrive in the returned recorder. The
     * stream is read on a thread of its own: it never ends, so it must not be read by whichever
     * thread completes the response (the caller's, when the headers are already there).
     */
    Events events(String path) {
        Events events = new Events();
        HttpRequest request = request(path).header("Accept", "text/event-stream").build();
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> r = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
                try (Stream<String> lines = r.body()) {
                    lines.filter(l -> l.startsWith("data:")).forEach(l -> events.data.add(l.substring(5).trim()));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // The server closed the stream (the sample stopped): no more events.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sse " + path);
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    /** The data of the events received, in order. */
    static final class Events {
        final BlockingQueue<String> data = new LinkedBlockingQueue<>();

        /** Takes events until one matches, within 20 seconds. */
        String await(Predicate<String> match, String what) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            StringBuilder seen = new StringBuilder();
            while (System.nanoTime() < deadline) {
                try {
                    String d = data.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                    if (d != null) {
                        seen.append(d).append('\n');
                        if (match.test(d)) {
                            return d;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            throw new AssertionError("no event with " + what + "; saw:\n" + seen);
        }
    }
}
