package dev.foyer.platform;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request with a deadline, and retries where that is safe, at most {@code maxRetries}
 * times, after a doubling backoff with jitter:
 * <ul>
 *   <li>any request, creating ones included, when no connection could be made (refused, or the
 *       connect timed out): the server never saw it;
 *   <li>GET and DELETE also after a connection failed later, or a 502, 503 or 504.
 * </ul>
 * A call that timed out once connected is not retried: the deadline is the caller's, and a server
 * that is slow now is rarely fast a moment later.
 */
final class Transport {
    /** A response read whole; bodies of this API are small. */
    record Response(int status, String body, HttpHeaders headers, String method, String path) {
        boolean isSuccessful() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final Duration callTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;

    Transport(HttpClient http, Duration callTimeout, int maxRetries, Duration retryBackoff) {
        this.http = http;
        this.callTimeout = callTimeout;
        this.maxRetries = maxRetries;
        this.retryBackoff = retryBackoff;
    }

    Duration callTimeout() {
        return callTimeout;
    }

    Response send(HttpRequest request) {
        boolean idempotent = request.method().equals("GET") || request.method().equals("DELETE");
        for (int attempt = 0; ; attempt++) {
            boolean retriesLeft = attempt < maxRetries;
            try {
                Response response = sendOnce(request);
                if (!idempotent || !retriesLeft || !isRetryableStatus(response.status())) {
                    return response;
                }
            } catch (IOException e) {
                if (!retriesLeft || !(isNotConnected(e) || idempotent && isConnectionFailure(e))) {
                    throw new FoyerTransportException(describe(request) + " failed: " + e, e);
                }
            }
            sleepBeforeRetry(attempt, request);
        }
    }

    private Response sendOnce(HttpRequest request) throws IOException {
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // The request's own timeout ends at the response headers; this deadline also covers the body.
            HttpResponse<String> r = future.get(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Response(r.statusCode(), r.body(), r.headers(), request.method(), request.uri().getRawPath());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no response within " + callTimeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new FoyerTransportException(describe(request) + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FoyerTransportException(describe(request) + " was interrupted", e);
        }
    }

    private static boolean isRetryableStatus(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /** No connection was made, so the request was not sent. */
    private static boolean isNotConnected(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    }

    /** Every I/O failure except a call that ran out of time after the connection was made. */
    private static boolean isConnectionFailure(IOException e) {
        return !(e instanceof HttpTimeoutException) || e instanceof HttpConnectTimeoutException;
    }

    private void sleepBeforeRetry(int attempt, HttpRequest request) {
        long base = retryBackoff.toMillis() << attempt;
        long jitter = base == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 2 + 1);
        try {
            Thread.sleep(base + jitter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FoyerTransportException(describe(request) + " was interrupted", e);
        }
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getRawPath();
    }
}
