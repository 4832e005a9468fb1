package dev.foyer.server.webhook;

import java.util.Locale;

/** The kinds of webhook event (DESIGN §5). The wire form is {@link #wireName()}: {@code meeting.created}. */
public enum EventType {
    MEETING_CREATED,
    MEETING_STARTED,
    MEETING_ENDED,
    LOBBY_WAITING,
    PARTICIPANT_ADMITTED,
    PARTICIPANT_DENIED,
    PARTICIPANT_JOINED,
    PARTICIPANT_LEFT;

    /** Made once: every join and leave writes an event. */
    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '.');

    public String wireName() {
        return wireName;
    }

    public static EventType fromWireName(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
}
