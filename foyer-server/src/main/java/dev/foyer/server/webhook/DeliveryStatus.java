package dev.foyer.server.webhook;

import java.util.Locale;

/** Where an outbox row stands. Only {@link #PENDING} rows are ever sent. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (or being attempted, under a lease). */
    PENDING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** Every attempt failed until the retry horizon passed; a redelivery may revive it. */
    DEAD,
    /** The application had no callback URL: kept for the event feed, never sent. */
    NO_CALLBACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus fromWireName(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
