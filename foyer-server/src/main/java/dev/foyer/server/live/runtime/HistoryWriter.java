package dev.foyer.server.live.runtime;

import dev.foyer.server.live.Effect;
import dev.foyer.server.live.ParticipationRecord;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.Stores;
import dev.foyer.server.webhook.WebhookOutbox;
import java.time.Duration;
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
 * per batch of every meeting, not one per meeting's batch. A meeting batch's webhook events and
 * the history rows of the changes they tell of go in the same transaction (the outbox's promise:
 * an event exists if and only if its change is recorded). History must never stall a meeting, so
 * the queue is bounded and what cannot be queued is logged and dropped; a batch that fails is
 * written again entry by entry, so one bad row loses only itself. Closing writes what is queued.
 */
final class HistoryWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);
    static final int BATCH = 256;
    static final int CAPACITY = 100_000;
    /**
     * How long the writer lets rows gather after the first of a batch arrives. Without it, a
     * meeting's join at a modest rate woke this thread and cost a commit of its own. Each commit
     * writes every page changed since the one before (H2's file, {@code WRITE_DELAY=0}), so its
     * cost hardly depends on the rows it carries: 100 ms instead of 50 took this thread's CPU per
     * join from 0.105–0.14 to 0.075–0.098 ms in storms at 1,000 joins/s (docs/performance.md,
     * item 64), for history rows and webhook events that reach the file up to 50 ms later.
     */
    static final Duration GATHER = Duration.ofMillis(100);

    /**
     * One meeting batch's history rows ({@link Effect.Entered}, {@link Effect.WasAdmitted},
     * {@link Effect.Left}) and its webhook events (null: none), written in one transaction.
     */
    private record Entry(MeetingId meetingId, List<Effect> rows, WebhookOutbox.LiveBatch events) {
        String describe() {
            return "meeting=" + meetingId + " rows=" + rows.size() + " webhookEvents="
                    + (events == null ? 0 : events.drafts().size());
        }
    }

    private final Stores stores;
    /** Where the webhook events go; null: nowhere. */
    private final WebhookOutbox outbox;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;
    private final AtomicLong dropped = new AtomicLong();

    /** {@code outbox}: where the live meetings' webhook events go (null: they are dropped). */
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

    /**
     * Queues a live meeting batch's history rows and its webhook events (null: none), to be
     * written in one transaction.
     */
    void record(MeetingId meetingId, List<Effect> rows, WebhookOutbox.LiveBatch events) {
        WebhookOutbox.LiveBatch kept = outbox == null || events == null || events.drafts().isEmpty() ? null : events;
        if (!rows.isEmpty() || kept != null) {
            queue(new Entry(meetingId, rows, kept));
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

    /**
     * Writes the batch in one transaction; if that fails, each entry in one of its own, and an
     * entry that fails again row by row, its events on their own: one bad row loses only itself.
     */
    private void write(List<Entry> batch) {
        boolean deliverable;
        try {
            deliverable = inTransaction(batch);
        } catch (RuntimeException batchFailed) {
            deliverable = false;
            for (Entry entry : batch) {
                try {
                    deliverable |= inTransaction(List.of(entry));
                } catch (RuntimeException entryFailed) {
                    deliverable |= apart(entry);
                }
            }
        }
        if (deliverable) {
            outbox.committed();
        }
    }

    /** Whether any event written is to be delivered. */
    private boolean inTransaction(List<Entry> entries) {
        boolean[] deliverable = new boolean[1];
        stores.inTransaction(() -> {
            List<WebhookOutbox.LiveBatch> events = new ArrayList<>();
            // Entries first, in one statement: every later row of a participant (admitted, left)
            // comes after its entry, in this batch or a later one.
            List<ParticipationRecord> entered = new ArrayList<>();
            for (Entry entry : entries) {
                for (Effect row : entry.rows()) {
                    if (row instanceof Effect.Entered e) {
                        entered.add(e.record());
                    }
                }
            }
            stores.participations().recordJoins(entered);
            for (Entry entry : entries) {
                for (Effect row : entry.rows()) {
                    if (!(row instanceof Effect.Entered)) {
                        apply(entry.meetingId(), row);
                    }
                }
                if (entry.events() != null) {
                    events.add(entry.events());
                }
            }
            deliverable[0] = !events.isEmpty() && outbox.addLive(events);
        });
        return deliverable[0];
    }

    private boolean apart(Entry entry) {
        for (Effect row : entry.rows()) {
            try {
                apply(entry.meetingId(), row);
            } catch (RuntimeException e) {
                log.warn("participation history not recorded meeting={} effect={}", entry.meetingId(),
                        row.getClass().getSimpleName(), e);
            }
        }
        if (entry.events() == null) {
            return false;
        }
        try {
            return outbox.addLive(List.of(entry.events()));
        } catch (RuntimeException e) {
            log.warn("webhook events not recorded {}", entry.describe(), e);
            return false;
        }
    }

    private void apply(MeetingId meetingId, Effect row) {
        if (row instanceof Effect.Entered e) {
            stores.participations().recordJoin(e.record());
        } else if (row instanceof Effect.WasAdmitted a) {
            stores.participations().recordAdmitted(meetingId, a.participantId(), a.by(), a.at());
        } else if (row instanceof Effect.Left l) {
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
