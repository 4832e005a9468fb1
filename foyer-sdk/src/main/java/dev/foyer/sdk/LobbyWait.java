package dev.foyer.sdk;

import java.time.Instant;

/**
 * Why and until when this participant waits in the lobby: what a guest sees while the
 * conversation is {@link ConversationState#IN_LOBBY}. Immutable.
 */
public final class LobbyWait {
    private final Instant since;
    private final Instant timeoutAt;
    private final String reasonCode;
    private final String message;

    /**
     * @param since when the wait started
     * @param timeoutAt when the server gives up and denies entry, or null
     * @param reasonCode the server's stable code for why one waits ({@code "lobby_policy"}), or null
     * @param message a human sentence for the waiting person
     */
    public LobbyWait(Instant since, Instant timeoutAt, String reasonCode, String message) {
        this.since = since;
        this.timeoutAt = timeoutAt;
        this.reasonCode = reasonCode;
        this.message = message == null ? "" : message;
    }

    /** When the wait started. */
    public Instant since() {
        return since;
    }

    /** When the lobby times out and the server denies entry; null if unknown. */
    public Instant timeoutAt() {
        return timeoutAt;
    }

    /** The server's code for why one waits ({@code "lobby_policy"}); null if none was given. */
    public String reasonCode() {
        return reasonCode;
    }

    /** A sentence to show the waiting person ("Guests wait until a presenter admits them."). */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "LobbyWait{since=" + since + ", timeoutAt=" + timeoutAt + ", " + reasonCode + "}";
    }
}
