package dev.foyer.server.live.runtime;

import dev.foyer.protocol.CloseCodes;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.live.ChatRecord;
import dev.foyer.server.live.Command;
import dev.foyer.server.live.Effect;
import dev.foyer.server.live.Entrant;
import dev.foyer.server.live.LiveMeeting;
import dev.foyer.server.live.Outbound;
import dev.foyer.server.live.Participant;
import dev.foyer.server.meeting.LiveMeetings;
import dev.foyer.server.webhook.LiveEvents;
import dev.foyer.server.webhook.WebhookOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one live meeting. Work arrives in a mailbox from any thread and runs one
 * task at a time on a shared pool; after each batch of tasks the chat lines it produced are
 * committed in one transaction (group commit), and only then are its messages delivered — each
 * encoded once and handed as the same frame to every recipient. A batch without chat commits
 * nothing here: its webhook events and history go to the {@link HistoryWriter}. No lock is
 * shared between meetings.
 */
public final class MeetingHost {
    private static final Logger log = LoggerFactory.getLogger(MeetingHost.class);
    private static final int TASKS_PER_BATCH = 256;

    private final LiveMeeting live;
    private final LiveRuntime runtime;
    private final Executor executor;
    private final ConcurrentLinkedQueue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Only touched by this meeting's writer. */
    private final Map<String, Connection> connections = new HashMap<>();
    /** The origins each participant's token allows, checked again on resume. Writer only. */
    private final Map<String, List<String>> origins = new HashMap<>();
    private volatile LiveMeeting.LiveCounts counts = new LiveMeeting.LiveCounts(0, 0);
    /** Set by the writer when the registry dropped this host; later work goes to a fresh host. */
    private volatile boolean retired;
    /** Whether this live session has reported {@code meeting.started}. Writer only. */
    private boolean started;
    /** Connections given frames in the current batch, flushed once at its end. Writer only. */
    private final Set<Connection> unflushed = new LinkedHashSet<>();
    /**
     * Connections given only roster changes since their last write: flushed by the next batch
     * that has anything else for them, or {@link LiveRuntime#rosterDelay()} after the first.
     * Writer only.
     */
    private final Set<Connection> lazy = new LinkedHashSet<>();
    /** Whether a flush of {@link #lazy} is due. Writer only. */
    private boolean lazyFlushDue;
    /** {@link System#nanoTime()} of the last flush of {@link #lazy}. Writer only. */
    private long lazyFlushedAt = System.nanoTime() - Long.MAX_VALUE / 2;
    /**
     * Frames handed to connections in the current batch, added to the meter once at its end: a
     * counter shared by all writers and touched for every message showed as 4% of a join storm's
     * server CPU in its profile (docs/performance.md, item 47). Writer only.
     */
    private int deliveredInBatch;
    /**
     * {@link System#nanoTime()} of this meeting's last commit of chat: the next batch waits until
     * {@link LiveRuntime#chatInterval()} has passed since. Written by the writer, read by any thread.
     */
    private volatile long chatCommittedAt = System.nanoTime() - Long.MAX_VALUE / 2;
    /** Whether the next batch waits out the chat interval on the runtime's timer ({@link #runDeferred}). */
    private final AtomicBoolean deferred = new AtomicBoolean();
    /**
     * Connections that began to speak for a participant in the current batch (a join or a
     * resume), each with the position in the batch's effects where it did: what was addressed to
     * the participant before that position is not for it, its welcome or replay covers it. Writer only.
     */
    private final Map<Connection, Integer> attachedInBatch = new HashMap<>();
    /** Run after the current batch is flushed (committed and delivered). Writer only. */
    private final List<Runnable> afterFlush = new ArrayList<>();

    MeetingHost(LiveMeeting live, LiveRuntime runtime, Executor executor) {
        this.live = live;
        this.runtime = runtime;
        this.executor = executor;
    }

    public LiveMeeting.LiveCounts counts() {
        return counts;
    }

    boolean isRetired() {
        return retired;
    }

    /**
     * Lets an authenticated entrant in on {@code connection}; {@code onJoined} receives the host
     * and the participant id on the writer thread once the entrant is in (or in the lobby).
     */
    public void enter(Connection connection, Entrant entrant, List<String> allowedOrigins, String requestId,
            BiConsumer<MeetingHost, String> onJoined) {
        submit(() -> {
            if (retired) {
                runtime.hostFor(live.meeting().id()).enter(connection, entrant, allowedOrigins, requestId, onJoined);
                return;
            }
            int position = live.pendingEffects();
            Optional<Participant> p = live.enter(entrant, requestId, now());
            if (p.isEmpty()) {
                ErrorCode code = live.isEnded() ? ErrorCode.MEETING_ENDED : ErrorCode.TOO_MANY_PARTICIPANTS;
                refuse(connection, requestId, code, live.isEnded() ? "the meeting has ended" : "the meeting is full");
                return;
            }
            attach(p.get().id(), connection, allowedOrigins, position);
            onJoined.accept(this, p.get().id());
        });
    }

    /** Resumes a dropped participant on a new connection; {@code onJoined} as for {@link #enter}. */
    public void resume(Connection connection, Command.Resume resume, BiConsumer<MeetingHost, String> onJoined) {
        submit(() -> {
            Optional<Participant> candidate = retired ? Optional.empty() : live.byResumeToken(resume.resumeToken());
            if (candidate.isEmpty()) {
                refuse(connection, resume.requestId(), ErrorCode.RESUME_FAILED,
                        "cannot resume: the session is over or unknown; join again");
                return;
            }
            Participant p = candidate.get();
            List<String> allowed = origins.getOrDefault(p.id(), List.of());
            if (!runtime.originAllowed(allowed, connection.origin()) || runtime.isRevoked(p.jti())) {
                refuse(connection, resume.requestId(), ErrorCode.RESUME_FAILED, "cannot resume this session here");
                return;
            }
            int position = live.pendingEffects();
            live.resume(resume.resumeToken(), resume.lastSeq(), resume.requestId(), now());
            attach(p.id(), connection, allowed, position);
            runtime.metrics().resumed();
            onJoined.accept(this, p.id());
        });
    }

    /** A command from a joined connection; ignored if that connection no longer speaks for the participant. */
    public void command(Connection connection, String participantId, Command command) {
        submit(() -> {
            if (connections.get(participantId) == connection) {
                live.handle(participantId, command, now());
            }
        });
    }

    /** The connection closed (or broke); the participant may resume within the grace period. */
    public void disconnected(Connection connection, String participantId) {
        submit(() -> {
            if (connections.get(participantId) == connection) {
                connections.remove(participantId);
                live.disconnected(participantId, now());
            }
        });
    }

    /** Steps the meeting's timers; retires the host when nobody is left. */
    void tick() {
        submit(() -> {
            live.tick(now());
            if (!retired && live.counts().participants() == 0 && live.counts().waitingInLobby() == 0
                    && connections.isEmpty()) {
                retired = true;
                runtime.retire(this);
            }
        });
    }

    /** The roster and lobby, read on the writer. */
    CompletableFuture<LiveMeetings.LiveState> state() {
        CompletableFuture<LiveMeetings.LiveState> result = new CompletableFuture<>();
        submit(() -> result.complete(LiveViews.state(live)));
        return result;
    }

    /** The application admits or denies a waiting guest; completes once the batch is committed. */
    CompletableFuture<LiveMeetings.LobbyOutcome> decide(String participantId, boolean admit, String reason) {
        CompletableFuture<LiveMeetings.LobbyOutcome> result = new CompletableFuture<>();
        submit(() -> {
            LiveMeeting.LobbyDecision d = live.decideForApplication(participantId, admit, reason, now());
            LiveMeetings.LobbyOutcome outcome = switch (d) {
                case DONE -> LiveMeetings.LobbyOutcome.DONE;
                case NOT_WAITING -> LiveMeetings.LobbyOutcome.NOT_WAITING;
                case UNKNOWN_PARTICIPANT -> live.participants().isEmpty()
                        ? LiveMeetings.LobbyOutcome.NOT_LIVE : LiveMeetings.LobbyOutcome.UNKNOWN_PARTICIPANT;
            };
            afterFlush.add(() -> result.complete(outcome));
        });
        return result;
    }

    /** Ends the meeting for everyone with {@code reason}. */
    public void end(String reason) {
        submit(() -> live.end(reason, now()));
    }

    /**
     * Closes every connection (server shutdown); participants may resume elsewhere. A batch
     * waiting out the chat interval runs now, its lines stored and delivered before the close.
     */
    void shutdown() {
        // After the batch is delivered: a line committed in it still reaches everyone first.
        submit(() -> afterFlush.add(() -> {
            for (Connection c : connections.values()) {
                c.close(CloseCodes.GOING_AWAY, "server shutting down");
            }
            connections.clear();
        }));
        runDeferred();
    }

    LiveMeeting liveMeeting() {
        return live;
    }

    /**
     * {@code connection} speaks for the participant from now on; {@code position}: the batch's
     * effects before the join or resume, which were addressed to whichever connection spoke for
     * the participant then (in a batch with a chat line before a resume, the line would otherwise
     * reach the resumed client twice: live, and again in its replay).
     */
    private void attach(String participantId, Connection connection, List<String> allowedOrigins, int position) {
        attachedInBatch.put(connection, position);
        Connection old = connections.put(participantId, connection);
        origins.put(participantId, allowedOrigins);
        if (old != null && old != connection) {
            old.close(CloseCodes.REPLACED, "replaced by a newer join");
        }
    }

    private void refuse(Connection connection, String requestId, ErrorCode code, String message) {
        connection.send(runtime.encoder().encode(new Outbound.Error(requestId, code.wireName(), message)));
        connection.close(CloseCodes.AUTHENTICATION_FAILED, message);
    }

    private Instant now() {
        return runtime.clock().instant();
    }

    private void submit(Runnable task) {
        mailbox.add(task);
        if (scheduled.compareAndSet(false, true)) {
            schedule();
        }
    }

    /**
     * Runs the next batch: at once, or, when chat was committed less than {@link
     * LiveRuntime#chatInterval()} ago, once that interval is up. A meeting that chats without
     * pause so commits and delivers its lines a few at a time, one transaction and one write to
     * each recipient for all of them, instead of one each; a quiet meeting's line goes at once.
     */
    private void schedule() {
        long wait = chatCommittedAt + runtime.chatInterval() - System.nanoTime();
        if (wait > 0 && !runtime.isClosing()) {
            deferred.set(true);
            runtime.later(this::runDeferred, wait);
        } else {
            execute();
        }
    }

    /** Runs the batch that waits out the chat interval, unless it already ran (once, either way). */
    void runDeferred() {
        if (deferred.compareAndSet(true, false)) {
            execute();
        }
    }

    private void execute() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The runtime has shut down (connections still closing as the server stops): nothing more runs.
            log.debug("meeting work dropped after shutdown meeting={}", live.meeting().id());
        }
    }

    private void drain() {
        try {
            Runnable task;
            int n = 0;
            while (n++ < TASKS_PER_BATCH && (task = mailbox.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("meeting task failed meeting={}", live.meeting().id(), e);
                }
            }
            flush();
        } catch (RuntimeException e) {
            log.error("meeting flush failed meeting={}", live.meeting().id(), e);
        } finally {
            // Counted before the frames leave, so that whoever reads one sees it on /metrics.
            if (deliveredInBatch > 0) {
                runtime.metrics().delivered(deliveredInBatch);
                deliveredInBatch = 0;
            }
            // Each connection given frames in this batch writes them all at once, roster changes
            // held back from earlier batches included.
            for (Connection c : unflushed) {
                c.flush();
                lazy.remove(c);
            }
            unflushed.clear();
            attachedInBatch.clear();
            if (!lazy.isEmpty() && !lazyFlushDue) {
                lazyFlushDue = true;
                runtime.later(() -> submit(this::flushLazy), lazyDelayNanos());
            }
            for (Runnable r : afterFlush) {
                r.run();
            }
            afterFlush.clear();
            scheduled.set(false);
            if (!mailbox.isEmpty() && scheduled.compareAndSet(false, true)) {
                schedule();
            }
        }
    }

    /**
     * Commits this batch's chat (and, if the meeting ended, its end), then carries out the effects
     * in order: whoever is told of a chat line or the end can already read it back. The batch's
     * webhook events and participation history are written off this thread, together, shortly
     * after ({@link HistoryWriter}).
     */
    private void flush() {
        List<Effect> effects = live.drainEffects();
        if (effects.isEmpty()) {
            return;
        }
        Set<String> failedMessages = commit(effects);
        List<WebhookOutbox.Draft> events = LiveEvents.from(effects, started,
                id -> live.participant(id).map(Participant::view));
        started |= LiveEvents.hasEntry(effects);
        Instant now = now();
        List<Effect> history = new ArrayList<>();
        for (Effect effect : effects) {
            if (effect instanceof Effect.MeetingEnded e) {
                // Final in storage (and its tokens revoked) before anyone is told.
                retired = true;
                runtime.ended(this, e.reason(), e.seq());
            }
        }
        for (int i = 0; i < effects.size(); i++) {
            Effect effect = effects.get(i);
            if (effect instanceof Effect.Deliver d) {
                deliver(d, i, failedMessages);
            } else if (effect instanceof Effect.Close c) {
                Connection conn = connections.get(c.participantId());
                if (conn != null) {
                    conn.close(c.code(), c.reason());
                }
            } else if (effect instanceof Effect.Forget f) {
                connections.remove(f.participantId());
                origins.remove(f.participantId());
            } else if (effect instanceof Effect.RevokeToken r) {
                runtime.revoke(r.jti(), now);
            } else if (effect instanceof Effect.MeetingEnded) {
                connections.clear();
            } else if (effect instanceof Effect.Entered || effect instanceof Effect.WasAdmitted
                    || effect instanceof Effect.Left) {
                if (effect instanceof Effect.WasAdmitted a) {
                    runtime.metrics().lobbyWait(a.waited());
                }
                history.add(effect);
            }
        }
        runtime.history(live.meeting(), history, events, now);
        counts = live.counts();
    }

    /** Commits the batch's chat lines in one transaction; returns the message ids that could not be stored. */
    private Set<String> commit(List<Effect> effects) {
        List<ChatRecord> lines = new ArrayList<>();
        for (Effect e : effects) {
            if (e instanceof Effect.Persist p) {
                lines.add(p.line());
            }
        }
        if (lines.isEmpty()) {
            return Set.of();
        }
        try {
            runtime.commit(lines);
            chatCommittedAt = System.nanoTime();
            return Set.of();
        } catch (RuntimeException e) {
            log.error("chat commit failed meeting={} lines={}", live.meeting().id(), lines.size(), e);
            live.chatFailed(lines);
            Set<String> failed = new HashSet<>();
            lines.forEach(l -> failed.add(l.messageId()));
            return failed;
        }
    }

    /**
     * How long roster changes held back now wait: {@link LiveRuntime#rosterDelay()}, or until
     * {@link LiveRuntime#rosterInterval()} has passed since the last such write, whichever is
     * later. A quiet meeting tells a change within the delay; one where changes keep coming (its
     * start, a join storm) tells them at most once an interval, several to a write.
     *
     * <p>Each wait for the interval is drawn up to a quarter longer: meetings that began together
     * (a storm's, started within milliseconds) would otherwise write their rosters to all their
     * clients in the same instant, once an interval, and every join then under way would wait
     * behind those writes (docs/performance.md, item 48).
     */
    private long lazyDelayNanos() {
        long untilInterval = spread(runtime.rosterInterval()) - (System.nanoTime() - lazyFlushedAt);
        return Math.max(runtime.rosterDelay(), untilInterval);
    }

    /** {@code interval} and up to a quarter more, drawn anew each time (zero stays zero). */
    static long spread(long interval) {
        return interval <= 0 ? interval : interval + ThreadLocalRandom.current().nextLong(interval / 4 + 1);
    }

    /** Writes the roster changes held back: their delay is up. */
    private void flushLazy() {
        lazyFlushDue = false;
        lazyFlushedAt = System.nanoTime();
        unflushed.addAll(lazy);
        lazy.clear();
    }

    /**
     * Whether a message may wait for the next write to its recipient, up to {@link
     * LiveRuntime#rosterDelay()}: a change of the roster or lobby, which everyone already in hears
     * of. When many join at once (a meeting's start, a join storm) each recipient so gets several
     * in one write instead of one write each. Order is kept: anything else for the recipient
     * flushes what waits before it.
     */
    private static boolean mayWait(Outbound message) {
        return message instanceof Outbound.ParticipantJoined || message instanceof Outbound.ParticipantLeft
                || message instanceof Outbound.ParticipantUpdated || message instanceof Outbound.LobbyEntered
                || message instanceof Outbound.LobbyLeft;
    }

    /** {@code position}: the effect's place in the batch, for connections attached in it ({@link #attach}). */
    private void deliver(Effect.Deliver d, int position, Set<String> failedMessages) {
        Outbound message = d.message();
        if (!failedMessages.isEmpty()) {
            if (message instanceof Outbound.Chat chat && failedMessages.contains(chat.line().messageId())) {
                return;
            }
            if (message instanceof Outbound.ChatAck ack && failedMessages.contains(ack.messageId())) {
                message = new Outbound.Error(ack.re(), ErrorCode.UNAVAILABLE.wireName(),
                        "the message was not stored; send it again with the same clientMessageId");
            }
        }
        byte[] frame = runtime.encoder().encode(message);
        boolean mayWait = runtime.rosterDelay() > 0 && mayWait(message);
        int sent = 0;
        for (String recipient : d.recipients()) {
            Connection conn = connections.get(recipient);
            if (conn == null || (!attachedInBatch.isEmpty() && position < attachedInBatch.getOrDefault(conn, 0))) {
                continue;
            }
            if (conn.enqueue(frame)) {
                if (!mayWait) {
                    unflushed.add(conn);
                } else if (!unflushed.contains(conn)) {
                    lazy.add(conn);
                }
                sent++;
            } else {
                connections.remove(recipient);
                unflushed.remove(conn);
                lazy.remove(conn);
                conn.abort(CloseCodes.TOO_SLOW, "too slow: outbound queue full; resume");
                live.disconnected(recipient, now());
                runtime.metrics().slowConsumer();
            }
        }
        deliveredInBatch += sent;
    }
}
