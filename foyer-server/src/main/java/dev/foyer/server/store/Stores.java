package dev.foyer.server.store;

import java.util.function.Supplier;

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

    /**
     * Runs {@code work} in a transaction shared with the work other threads submit at about the
     * same time, and returns its result once one commit has made all of it durable (group commit:
     * one commit instead of one per caller, the cost that dominates a join's or a meeting batch's
     * writes). Blocks until then. Every store call {@code work} makes joins that transaction; if
     * {@code work} throws, its own changes alone are rolled back and the exception is rethrown
     * here; if the commit fails, its failure is thrown here. Called inside {@link
     * #inTransaction}, {@code work} simply joins the outer transaction.
     */
    <T> T inGroupCommit(Supplier<T> work);

    /** Whether the database answers a trivial query right now (for {@code /readyz}). */
    boolean isReachable();

    /** A short description for the start-up log, without credentials: "H2 file ./foyer-data/foyer". */
    String describe();

    @Override
    void close();
}
