package dev.foyer.sdk;

import java.util.Locale;

/** A participant's role in a meeting. Organizers and presenters may run the lobby and moderate. */
public enum Role {
    /** The meeting's organizer. */
    ORGANIZER,
    /** A leader: runs the lobby, moderates. */
    PRESENTER,
    /** A named participant without moderation rights. */
    ATTENDEE,
    /** An anonymous guest. */
    GUEST;

    /** Whether this role may admit, deny and moderate. */
    public boolean isPresenter() {
        return this == ORGANIZER || this == PRESENTER;
    }

    /** The lower-case name used on the wire ({@code "presenter"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code wireName}, or {@link #GUEST} for a name this SDK does not know. */
    public static Role fromWire(String wireName) {
        if (wireName != null) {
            for (Role r : values()) {
                if (r.wireName().equals(wireName)) {
                    return r;
                }
            }
        }
        return GUEST;
    }
}
