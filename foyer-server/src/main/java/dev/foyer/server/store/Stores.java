package dev.foyer.server.store;

/** The server's storage, opened once at start-up: one implementation per database technology. */
public interface Stores extends AutoCloseable {
    ApplicationStore applications();

    UserStore users();

    MeetingStore meetings();

    IssuedTokenStore issuedTokens();

    SigningKeyStore signingKeys();

    /** Chat lines of meetings, deleted with their meeting. */
    ChatStore chat();

    /** Who was in meetings, deleted with their meeting. */
    ParticipationStore participations();

    /** Whether the database answers a trivial query right now (for {@code /readyz}). */
    boolean isReachable();

    /** A short description for the start-up log, without credentials: "H2 file ./foyer-data/foyer". */
    String describe();

    @Override
    void close();
}
