package dev.foyer.server.live.runtime;

import dev.foyer.server.error.FoyerException;
import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.live.Effect;
import dev.foyer.server.live.LiveMeeting;
import dev.foyer.server.live.LiveSettings;
import dev.foyer.server.live.MediaAccess;
import dev.foyer.server.meeting.LiveMeetings;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.secret.Secrets;
import dev.foyer.server.store.ChatStore;
import dev.foyer.server.store.Stores;
import dev.foyer.server.web.OriginPolicy;
import dev.foyer.server.webhook.WebhookOutbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where live meetings run in this process: one {@link MeetingHost} per meeting with people in it,
 * created on the first join and dropped when the last one leaves. It is the in-process meeting
 * directory; the HTTP side sees it through {@link LiveMeetings}.
 */
public final class LiveRuntime implements LiveMeetings, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveRuntime.class);

    private final Stores stores;
    private final LiveSettings settings;
    private final MediaAccess media;
    private final Encoder encoder;
    private final Clock clock;
    private final String serverOrigin;
    private final LiveMetrics metrics;
    private final ConcurrentHashMap<MeetingId, MeetingHost> hosts = new ConcurrentHashMap<>();
    private final ExecutorService meetingThreads;
    private final HistoryWriter history;
    private final ScheduledExecutorService ticker;
    private final long rosterDelayNanos;
    private final long rosterIntervalNanos;
    private final long chatIntervalNanos;
    private volatile boolean closing;
    /** Where live events of applications' meetings go; null: nowhere. */
    private final WebhookOutbox outbox;

    /**
     * @param rosterDelay how long a roster change may wait to share a write with others to the
     *     same recipient (zero: it never waits)
     * @param rosterInterval the shortest time between two writes of a meeting's waiting roster
     *     changes: while changes keep coming, they wait up to this long instead
     * @param chatInterval the shortest time between two commits of a meeting's chat: lines that
     *     come sooner wait, and go out together (zero: none waits)
     */
    public LiveRuntime(Stores stores, LiveSettings settings, MediaAccess media, Encoder encoder, Clock clock,
            String serverOrigin, MeterRegistry registry, WebhookOutbox outbox, Duration rosterDelay,
            Duration rosterInterval, Duration chatInterval) {
        this.outbox = outbox;
        this.chatIntervalNanos = chatInterval.toNanos();
        this.rosterDelayNanos = rosterDelay.toNanos();
        this.rosterIntervalNanos = rosterInterval.toNanos();
        this.stores = stores;
        this.settings = settings;
        this.media = media;
        this.encoder = encoder;
        this.clock = clock;
        this.serverOrigin = serverOrigin;
        this.metrics = new LiveMetrics(registry);
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.meetingThreads = Executors.newFixedThreadPool(threads, named("foyer-meeting"));
        this.history = new HistoryWriter(stores, outbox).start();
        this.ticker = Executors.newSingleThreadScheduledExecutor(named("foyer-tick"));
        ticker.scheduleAtFixedRate(this::tickAll, 1, 1, TimeUnit.SECONDS);
        Gauge.builder("foyer.live.meetings", hosts, ConcurrentHashMap::size).register(registry);
        Gauge.builder("foyer.live.participants", this, r -> r.sum(true)).register(registry);
        Gauge.builder("foyer.live.lobby", this, r -> r.sum(false)).register(registry);
    }

    /** The host of a meeting, started on demand; {@code meeting_not_found} if it does not exist. */
    public MeetingHost hostFor(MeetingId id) {
        return hosts.computeIfAbsent(id, this::start);
    }

    @Override
    public LiveCounts counts(MeetingId id) {
        MeetingHost host = hosts.get(id);
        if (host == null) {
            return LiveCounts.EMPTY;
        }
        LiveMeeting.LiveCounts c = host.counts();
        return new LiveCounts(c.participants(), c.waitingInLobby());
    }

    @Override
    public void end(MeetingId id, String reason) {
        MeetingHost host = hosts.get(id);
        if (host != null) {
            host.end(reason);
        }
    }

    @Override
    public CompletableFuture<LiveState> state(MeetingId id) {
        MeetingHost host = hosts.get(id);
        return host == null ? CompletableFuture.completedFuture(LiveState.NOT_LIVE) : host.state();
    }

    @Override
    public CompletableFuture<LobbyOutcome> decide(MeetingId id, String participantId, boolean admit, String reason) {
        MeetingHost host = hosts.get(id);
        return host == null ? CompletableFuture.completedFuture(LobbyOutcome.NOT_LIVE)
                : host.decide(participantId, admit, reason);
    }

    private MeetingHost start(MeetingId id) {
        Meeting meeting = stores.meetings().find(id).orElseThrow(FoyerException::meetingNotFound);
        ChatStore chat = stores.chat();
        List<ChatRecord> recent = chat.recent(id, settings.recentChat());
        LiveMeeting live = new LiveMeeting(meeting, settings, chat.maxSeq(id), recent,
                () -> Secrets.randomBase32(16).toLowerCase(Locale.ROOT), media);
        log.info("meeting live meeting={}", id);
        return new MeetingHost(live, this, meetingThreads);
    }

    // ---- called by hosts, on their writer thread ------------------------------------------

    Encoder encoder() {
        return encoder;
    }

    /** How long, in nanoseconds, a roster change may wait for company (see {@link MeetingHost}). */
    long rosterDelay() {
        return rosterDelayNanos;
    }

    /** The shortest time, in nanoseconds, between two writes of a meeting's waiting roster changes. */
    long rosterInterval() {
        return rosterIntervalNanos;
    }

    /** The shortest time, in nanoseconds, between two commits of a meeting's chat (see {@link MeetingHost}). */
    long chatInterval() {
        return chatIntervalNanos;
    }

    /**
     * Runs {@code task} (quickly: it should only submit work to a host) in {@code delayNanos}; at
     * once when the runtime is closing, so that nothing waits on a timer that is gone.
     */
    void later(Runnable task, long delayNanos) {
        try {
            ticker.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** Whether {@link #close()} has begun: hosts then run their batches without waiting. */
    boolean isClosing() {
        return closing;
    }

    Clock clock() {
        return clock;
    }

    public LiveMetrics metrics() {
        return metrics;
    }

    ChatStore chatStore() {
        return stores.chat();
    }

    /** Commits a batch's chat lines in one transaction. */
    void commit(List<ChatRecord> lines) {
        stores.inTransaction(() -> stores.chat().appendBatch(lines));
    }

    boolean originAllowed(List<String> allowedOrigins, String origin) {
        return OriginPolicy.allows(allowedOrigins, origin, serverOrigin);
    }

    boolean isRevoked(String jti) {
        return stores.issuedTokens().find(jti).map(t -> t.revokedAt() != null).orElse(true);
    }

    void revoke(String jti, Instant at) {
        stores.issuedTokens().revoke(jti, at);
    }

    void retire(MeetingHost host) {
        hosts.remove(host.liveMeeting().meeting().id(), host);
        log.info("meeting idle meeting={}", host.liveMeeting().meeting().id());
    }

    /** A meeting ended from inside (a presenter, or expiry): make it final in storage too. */
    void ended(MeetingHost host, String reason, long seq) {
        Meeting meeting = host.liveMeeting().meeting();
        MeetingId id = meeting.id();
        hosts.remove(id, host);
        Instant now = clock.instant();
        // Whoever marks the meeting ended (here, or the HTTP side) writes meeting.ended with it.
        stores.inTransaction(() -> {
            if (stores.meetings().markEnded(id, now, reason) && outbox != null) {
                outbox.meetingEnded(meeting, reason, seq);
            }
        });
        if (outbox != null) {
            outbox.committed();
        }
        stores.issuedTokens().revokeAllForMeeting(id, now);
        log.info("meeting ended meeting={} reason=\"{}\"", id, reason);
    }

    /**
     * Records a batch's participation history and its webhook events off the meeting's writer, in
     * one transaction (see {@link HistoryWriter}): losing a history row must never stall a meeting.
     */
    void history(Meeting meeting, List<Effect> rows, List<WebhookOutbox.Draft> events, Instant at) {
        history.record(meeting.id(), rows, new WebhookOutbox.LiveBatch(meeting, events, at));
    }

    private void tickAll() {
        try {
            hosts.values().forEach(MeetingHost::tick);
        } catch (RuntimeException e) {
            log.error("tick failed", e);
        }
    }

    private double sum(boolean admitted) {
        double total = 0;
        for (MeetingHost host : hosts.values()) {
            total += admitted ? host.counts().participants() : host.counts().waitingInLobby();
        }
        return total;
    }

    @Override
    public void close() {
        closing = true;
        hosts.values().forEach(MeetingHost::shutdown);
        ticker.shutdownNow();
        // A batch deferred on the timer just before it stopped (its host's shutdown came first).
        hosts.values().forEach(MeetingHost::runDeferred);
        meetingThreads.shutdown();
        try {
            meetingThreads.awaitTermination(5, TimeUnit.SECONDS);
            history.close(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
