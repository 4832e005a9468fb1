package dev.foyer.server.live;

/**
 * Who receives a meeting message. Resolved against the roster when the message is emitted, and
 * again when a resumed participant's missed events are replayed: an admitted participant receives
 * the events numbered after its admission (the snapshot it got on admission covers the rest).
 */
public sealed interface Audience {
    /** Every admitted participant. */
    Audience ADMITTED = new Admitted(null);
    /** Admitted presenters (and the organizer). */
    Audience PRESENTERS = new Presenters();
    /** Everyone, in the meeting or in the lobby. */
    Audience EVERYONE = new Everyone();

    /** Admitted participants, except {@code excluded} when not null. */
    record Admitted(String excluded) implements Audience {}

    record Presenters() implements Audience {}

    /** One participant, admitted or waiting. */
    record One(String participantId) implements Audience {}

    record Everyone() implements Audience {}

    static Audience one(String participantId) {
        return new One(participantId);
    }

    static Audience allBut(String participantId) {
        return new Admitted(participantId);
    }

    /** Whether {@code p} receives a message numbered {@code seq} (0 when unsequenced). */
    default boolean includes(Participant p, long seq) {
        if (this instanceof One one) {
            return p.id().equals(one.participantId());
        }
        if (this instanceof Everyone) {
            return true;
        }
        boolean admittedBefore = p.isAdmitted() && (seq == 0 || seq > p.admittedAtSeq());
        if (this instanceof Presenters) {
            return admittedBefore && p.role().isPresenter();
        }
        Admitted admitted = (Admitted) this;
        return admittedBefore && !p.id().equals(admitted.excluded());
    }
}
