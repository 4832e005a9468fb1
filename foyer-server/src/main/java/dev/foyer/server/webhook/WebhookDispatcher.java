package dev.foyer.server.webhook;

import dev.foyer.server.app.Application;
import dev.foyer.server.store.Stores;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: polls for due events every second (and at once when nudged), claims at
 * most as many as it has free workers under a lease, and POSTs each, signed, to its application's
 * callback URL. A 2xx ends the event; anything else (status, timeout, refused address) schedules a
 * retry with exponential backoff and jitter until the retry horizon, after which the event is dead.
 * Redirects are not followed. Because rows live in the database, a restart resumes where it left
 * off: a lease that dies with the process simply expires.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int MAX_ERROR_LENGTH = 500;

    private final Stores stores;
    private final WebhookSettings settings;
    private final Clock clock;
    private final OkHttpClient http;
    private final Semaphore wake = new Semaphore(0);
    private final Semaphore freeWorkers;
    private final ExecutorService workers;
    private final Thread poller;
    private volatile boolean running = true;

    public WebhookDispatcher(Stores stores, WebhookSettings settings, Clock clock) {
        this(stores, settings, clock, CallbackUrls.SYSTEM);
    }

    /** A dispatcher that resolves callback hosts with {@code resolver} instead of the system's. */
    WebhookDispatcher(Stores stores, WebhookSettings settings, Clock clock, CallbackUrls.Resolver resolver) {
        this.stores = stores;
        this.settings = settings;
        this.clock = clock;
        // Callback hosts resolve through the check, for the connection itself (DNS rebinding).
        this.http = new OkHttpClient.Builder()
                .dns(CallbackUrls.pinned(settings.allowPrivate(), resolver))
                .connectTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
        this.freeWorkers = new Semaphore(settings.workers());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.workers(), r -> daemon(r, "foyer-webhook-" + n.incrementAndGet()));
        this.poller = daemon(this::pollLoop, "foyer-webhook-poll");
    }

    public void start() {
        poller.start();
        log.info("webhook dispatcher started workers={} timeout={} retryHorizon={} allowPrivate={}",
                settings.workers(), settings.timeout(), settings.retryHorizon(), settings.allowPrivate());
    }

    /** Looks for due events now rather than at the next poll. */
    public void nudge() {
        wake.release();
    }

    private void pollLoop() {
        while (running) {
            try {
                wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (running) {
                    dispatchDue();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("webhook poll failed", e);
            }
        }
    }

    private void dispatchDue() {
        int free = freeWorkers.availablePermits();
        if (free == 0) {
            return;
        }
        Instant now = clock.instant();
        // The lease outlasts an attempt; if the process dies meanwhile, the row is due again after it.
        Instant lease = now.plus(settings.timeout().multipliedBy(2)).plusSeconds(30);
        List<WebhookEvent> claimed = stores.webhooks().claimDue(now, lease, free);
        for (WebhookEvent event : claimed) {
            freeWorkers.acquireUninterruptibly();
            workers.execute(() -> {
                try {
                    attempt(event);
                } catch (RuntimeException e) {
                    log.warn("webhook attempt failed event={}", event.id(), e);
                } finally {
                    freeWorkers.release();
                    nudge();
                }
            });
        }
    }

    private void attempt(WebhookEvent event) {
        Optional<Application> app = stores.applications().find(event.appId());
        if (app.isEmpty() || app.get().callbackUrl() == null) {
            stores.webhooks().recordAttempt(event.id(), DeliveryStatus.NO_CALLBACK, event.attempts(),
                    clock.instant(), "the application has no callback URL", null, null);
            return;
        }
        int attempts = event.attempts() + 1;
        URI url = URI.create(app.get().callbackUrl());
        Integer status = null;
        String error;
        try {
            long t = clock.instant().getEpochSecond();
            Request request = new Request.Builder()
                    .url(url.toString())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Foyer-Webhooks/1")
                    .header("Foyer-Event-Id", event.id())
                    .header("Foyer-Event-Type", event.type().wireName())
                    .header(WebhookSignature.HEADER,
                            WebhookSignature.header(t, event.payload(), app.get().signingSecrets(clock.instant())))
                    .post(RequestBody.create(event.payload().getBytes(StandardCharsets.UTF_8), null))
                    .build();
            try (Response response = http.newCall(request).execute()) {
                status = response.code();
            }
            if (status >= 200 && status < 300) {
                stores.webhooks().recordAttempt(event.id(), DeliveryStatus.DELIVERED, attempts, clock.instant(), null,
                        status, clock.instant());
                log.debug("webhook delivered event={} type={} attempts={}", event.id(), event.type().wireName(),
                        attempts);
                return;
            }
            error = "HTTP " + status;
        } catch (CallbackUrls.RefusedHostException e) {
            error = e.getMessage();
        } catch (InterruptedIOException e) {
            error = running ? "timed out after " + settings.timeout().toMillis() + " ms"
                    : "interrupted (server stopping)";
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        failed(event, attempts, status, error);
    }

    private void failed(WebhookEvent event, int attempts, Integer status, String error) {
        Instant now = clock.instant();
        Instant horizon = event.retrySince().plus(settings.retryHorizon());
        String lastError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        if (!now.isBefore(horizon)) {
            stores.webhooks().recordAttempt(event.id(), DeliveryStatus.DEAD, attempts, now, lastError, status, null);
            log.warn("webhook dead event={} app={} type={} attempts={} lastError=\"{}\"", event.id(), event.appId(),
                    event.type().wireName(), attempts, lastError);
            return;
        }
        // The last retry happens at the horizon itself, so "dead" means the horizon really passed.
        Instant next = now.plus(settings.backoff(attempts, ThreadLocalRandom.current().nextDouble()));
        if (next.isAfter(horizon)) {
            next = horizon;
        }
        stores.webhooks().recordAttempt(event.id(), DeliveryStatus.PENDING, attempts, next, lastError, status, null);
        log.info("webhook attempt failed event={} app={} attempts={} retryAt={} error=\"{}\"", event.id(),
                event.appId(), attempts, next, lastError);
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        workers.shutdown();
        try {
            poller.join(5_000);
            if (!workers.awaitTermination(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.connectionPool().evictAll();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
