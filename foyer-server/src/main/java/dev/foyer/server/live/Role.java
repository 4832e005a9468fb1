package dev.foyer.server.live;

import java.util.Locale;

/** A participant's role. Presenters (and the organizer) run the lobby and moderate. */
public enum Role {
    ORGANIZER, PRESENTER, ATTENDEE, GUEST;

    /** Made once: a joiner's snapshot names the role of everyone in the meeting. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public boolean isPresenter() {
        return this == ORGANIZER || this == PRESENTER;
    }

    /** The lower-case wire name. */
    public String wireName() {
        return wireName;
    }
}
