package dev.foyer.server.transport.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Beats once a period for every open connection — the signaling socket's ping, or its close when
 * the client went silent (docs/protocol.md, Limits): the connections are spread over one slot per
 * second of the period by the second they were added in, and each second one slot beats, so the
 * beats follow the connections' own pace as a timer per connection would, at the cost of a map
 * entry each. Seconds are the system's, whatever clock the server's logic runs on.
 *
 * @param <C> a connection
 */
final class Heartbeat<C> {
    private final Consumer<C> beat;
    /** By slot: each connection and the second it was added in. */
    private final Map<C, Long>[] slots;

    @SuppressWarnings("unchecked") // an array of maps, each made here
    Heartbeat(ScheduledExecutorService timers, int periodSeconds, Consumer<C> beat) {
        this.beat = beat;
        slots = new Map[periodSeconds];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new ConcurrentHashMap<>();
        }
        timers.scheduleAtFixedRate(this::beat, 1, 1, TimeUnit.SECONDS);
    }

    /** Beats for {@code conn} every period, the first time a period after now, until {@link #remove}. */
    void add(C conn) {
        long second = nowSecond();
        slots[slotOf(second)].put(conn, second);
    }

    void remove(C conn) {
        for (Map<C, Long> slot : slots) {
            if (slot.remove(conn) != null) {
                return;
            }
        }
    }

    private void beat() {
        long second = nowSecond();
        slots[slotOf(second)].forEach((conn, added) -> {
            if (added < second) { // not in the second it was added in
                beat.accept(conn);
            }
        });
    }

    private static long nowSecond() {
        return System.currentTimeMillis() / 1000;
    }

    private int slotOf(long second) {
        return (int) Math.floorMod(second, (long) slots.length);
    }
}
