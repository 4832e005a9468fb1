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

    /** The webhook outbox and meeting event feed, deleted with their meeting or application. */
    WebhookStore webhooks();

    /**
     * Runs {@code work} in one database transaction: every store call it makes on this thread joins
     * it, so a state change and the outbox rows it causes commit together or not at all. A runtime
     * exception from {@code work} rolls back and is rethrown. Nested calls join the outer transaction.
     */
    void inTransaction(Runnable work);

    /** Whether the database answers a trivial query right now (for {@code /readyz}). */
    boolean isReachable();

    /** A short description for the start-up log, without credentials: "H2 file ./foyer-data/foyer". */
    String describe();

    @Override
    void close();
}
