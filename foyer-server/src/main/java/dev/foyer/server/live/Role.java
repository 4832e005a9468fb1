package dev.foyer.server.live;

import java.util.Locale;

/** A participant's role. Presenters (and the organizer) run the lobby and moderate. */
public enum Role {
    ORGANIZER, PRESENTER, ATTENDEE, GUEST;

    public boolean isPresenter() {
        return this == ORGANIZER || this == PRESENTER;
    }

    /** The lower-case wire name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
