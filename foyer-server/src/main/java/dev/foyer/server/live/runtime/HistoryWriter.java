package dev.foyer.server.live.runtime;

import dev.foyer.server.live.Effect;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.Stores;
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
 * Writes participation history (entered, admitted, left) off the meetings' writers, on one thread,
 * many rows per transaction: rows that arrive within {@link #GATHER} of each other share a commit,
 * so joins cost one commit per batch, not one per row. History
 * must never stall a meeting, so the queue is bounded and a row that cannot be queued or stored
 * is logged and dropped; a batch that fails is written again row by row, so one bad row loses
 * only itself. Closing writes what is queued.
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

    private record Entry(MeetingId meetingId, Effect effect) {}

    private final Stores stores;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;
    private final AtomicLong dropped = new AtomicLong();

    HistoryWriter(Stores stores) {
        this.stores = stores;
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
        if (closed || !queue.offer(new Entry(meetingId, effect))) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1_000 == 0) { // a database that is down for long must not flood the log too
                log.warn("participation history dropped meeting={} effect={} (queue full or closed; {} dropped so far)",
                        meetingId, effect.getClass().getSimpleName(), n);
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
                if (!closed) {
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
        try {
            stores.inTransaction(() -> batch.forEach(this::apply));
        } catch (RuntimeException batchFailed) {
            for (Entry entry : batch) {
                try {
                    apply(entry);
                } catch (RuntimeException e) {
                    log.warn("participation history not recorded meeting={} effect={}", entry.meetingId(),
                            entry.effect().getClass().getSimpleName(), e);
                }
            }
        }
    }

    private void apply(Entry entry) {
        MeetingId meetingId = entry.meetingId();
        if (entry.effect() instanceof Effect.Entered e) {
            stores.participations().recordJoin(e.record());
        } else if (entry.effect() instanceof Effect.WasAdmitted a) {
            stores.participations().recordAdmitted(meetingId, a.participantId(), a.by(), a.at());
        } else if (entry.effect() instanceof Effect.Left l) {
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
