package dev.foyer.server.live.runtime;

import dev.foyer.server.live.Effect;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.Stores;
import dev.foyer.server.webhook.WebhookOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what live meetings leave behind — participation history (entered, admitted, left) and
 * their webhook events — off the meetings' writers, on one thread, many rows per transaction:
 * rows that arrive within {@link #GATHER} of each other share a commit, so joins cost one commit
 * per batch of every meeting, not one per meeting's batch. A webhook event and the history row of
 * the change it tells of go in the same transaction (the outbox's promise: the event exists if
 * and only if the change is recorded). History must never stall a meeting, so the queue is
 * bounded and a row that cannot be queued or stored is logged and dropped; a batch that fails is
 * written again entry by entry, so one bad row loses only itself. Closing writes what is queued.
 */
final class HistoryWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);
    static final int BATCH = 256;
    static final int CAPACITY = 100_000;
    /**
     * How long the writer lets rows gather after the first of a batch arrives. Without it, a
     * meeting's join at a modest rate woke this thread and cost a commit of its own.
     */
    static final Duration GATHER = Duration.ofMillis(50);

    private sealed interface Entry permits Row, Events {
        /** For the log: "meeting=… what=…". */
        String describe();
    }

    /** A participation history row. */
    private record Row(MeetingId meetingId, Effect effect) implements Entry {
        @Override
        public String describe() {
            return "meeting=" + meetingId + " effect=" + effect.getClass().getSimpleName();
        }
    }

    /** A live meeting's webhook events of one batch. */
    private record Events(WebhookOutbox.LiveBatch batch) implements Entry {
        @Override
        public String describe() {
            return "meeting=" + batch.meeting().id() + " webhookEvents=" + batch.drafts().size();
        }
    }

    private final Stores stores;
    /** Where the webhook events go; null: nowhere. */
    private final WebhookOutbox outbox;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;
    private final AtomicLong dropped = new AtomicLong();

    /** {@code outbox}: where {@link #events} go (null: they are dropped). */
    HistoryWriter(Stores stores, WebhookOutbox outbox) {
        this.stores = stores;
        this.outbox = outbox;
        this.thread = new Thread(this::run, "foyer-history");
        thread.setDaemon(true);
    }

    /** Starts writing; rows recorded before are written first. */
    HistoryWriter start() {
        thread.start();
        return this;
    }

    /** Queues a history effect ({@link Effect.Entered}, {@link Effect.WasAdmitted}, {@link Effect.Left}). */
    void record(MeetingId meetingId, Effect effect) {
        queue(new Row(meetingId, effect));
    }

    /** Queues a live meeting's webhook events of one batch, which happened {@code at}. */
    void events(Meeting meeting, List<WebhookOutbox.Draft> drafts, Instant at) {
        if (outbox != null && !drafts.isEmpty()) {
            queue(new Events(new WebhookOutbox.LiveBatch(meeting, drafts, at)));
        }
    }

    private void queue(Entry entry) {
        if (closed || !queue.offer(entry)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1_000 == 0) { // a database that is down for long must not flood the log too
                log.warn("participation history dropped {} (queue full or closed; {} dropped so far)",
                        entry.describe(), n);
            }
        }
    }

    private void run() {
        List<Entry> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                if (!closed && queue.size() < BATCH - 1) {
                    Thread.sleep(GATHER.toMillis()); // rows keep arriving meanwhile, without waking this thread
                }
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!batch.isEmpty()) {
                    write(batch);
                }
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Entry> batch) {
        boolean deliverable;
        try {
            boolean[] any = new boolean[1];
            stores.inTransaction(() -> {
                List<WebhookOutbox.LiveBatch> events = new ArrayList<>();
                for (Entry entry : batch) {
                    if (entry instanceof Events e) {
                        events.add(e.batch());
                    } else {
                        apply((Row) entry);
                    }
                }
                any[0] = !events.isEmpty() && outbox.addLive(events);
            });
            deliverable = any[0];
        } catch (RuntimeException batchFailed) {
            deliverable = false;
            for (Entry entry : batch) {
                try {
                    if (entry instanceof Events e) {
                        deliverable |= outbox.addLive(List.of(e.batch()));
                    } else {
                        apply((Row) entry);
                    }
                } catch (RuntimeException e) {
                    log.warn("participation history not recorded {}", entry.describe(), e);
                }
            }
        }
        if (deliverable) {
            outbox.committed();
        }
    }

    private void apply(Row row) {
        MeetingId meetingId = row.meetingId();
        if (row.effect() instanceof Effect.Entered e) {
            stores.participations().recordJoin(e.record());
        } else if (row.effect() instanceof Effect.WasAdmitted a) {
            stores.participations().recordAdmitted(meetingId, a.participantId(), a.by(), a.at());
        } else if (row.effect() instanceof Effect.Left l) {
            stores.participations().recordLeft(meetingId, l.participantId(), l.at(), l.reason());
        }
    }

    /** Stops taking rows, writes the queued ones (for at most {@code timeoutMillis}), then stops. */
    void close(long timeoutMillis) throws InterruptedException {
        closed = true;
        thread.join(timeoutMillis);
    }

    @Override
    public void close() {
        try {
            close(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
