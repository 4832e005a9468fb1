package dev.foyer.server.meeting;

import java.util.Objects;

/**
 * Who owns a meeting: a trusted application (ad hoc meetings) or a user (scheduled meetings).
 *
 * @param id the application id or user id
 * @param urlName the path segment in the meeting URL: the application id or the user name
 */
public record Organizer(Kind kind, String id, String urlName) {
    public enum Kind { APPLICATION, USER }

    public Organizer {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(urlName, "urlName == null");
    }

    /** A stable URI for the organizer: {@code foyer:app:<appId>} or {@code foyer:user:<userName>}. */
    public String uri() {
        return (kind == Kind.APPLICATION ? "foyer:app:" : "foyer:user:") + urlName;
    }
}
