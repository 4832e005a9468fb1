package dev.foyer.platform;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SeenEventStore} in this process's memory, bounded: it holds at most {@code maxEntries}
 * ids and drops the oldest first. Expired ids are dropped as new ones arrive.
 *
 * <p>The bound keeps memory flat whatever arrives; only genuinely signed events get here, so only
 * a sender flooding more than {@code maxEntries} events within the window could push an id out
 * early. Size it above the events you expect in one timestamp window.
 */
public final class InMemorySeenEventStore implements SeenEventStore {
    /** The default bound, ample for a few thousand events a minute with a 5-minute window. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final int maxEntries;
    private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>(); // guarded by this; oldest first

    /** A store of at most {@link #DEFAULT_MAX_ENTRIES} ids. */
    public InMemorySeenEventStore() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /** A store of at most {@code maxEntries} ids. */
    public InMemorySeenEventStore(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries < 1: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public synchronized boolean markSeen(String eventId, Instant now, Instant expiresAt) {
        Objects.requireNonNull(eventId, "eventId == null");
        dropExpired(now);
        Instant known = expiries.get(eventId);
        if (known != null && known.isAfter(now)) {
            return false;
        }
        expiries.remove(eventId);
        expiries.put(eventId, expiresAt);
        if (expiries.size() > maxEntries) {
            Iterator<String> eldest = expiries.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return true;
    }

    @Override
    public synchronized void forget(String eventId) {
        expiries.remove(eventId);
    }

    /** How many ids are held, expired ones that were not dropped yet included. */
    public synchronized int size() {
        return expiries.size();
    }

    /** Drops expired ids from the oldest end; arrival order roughly follows expiry, so this stays cheap. */
    private void dropExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> it = expiries.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().isAfter(now)) {
                return;
            }
            it.remove();
        }
    }
}
