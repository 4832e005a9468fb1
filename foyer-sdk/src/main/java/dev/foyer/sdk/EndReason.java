package dev.foyer.sdk;

/**
 * Why a conversation ended: an immutable value available from {@link Conversation#endReason()}
 * once the state is {@link ConversationState#ENDED}.
 */
public final class EndReason {
    /** The broad cause. */
    public enum Kind {
        /** This app called {@link Conversation#leave()}. */
        LEFT,
        /** The meeting ended for everyone. */
        MEETING_ENDED,
        /** A presenter denied entry from the lobby, or the lobby wait timed out. */
        DENIED,
        /** A presenter removed this participant. */
        REMOVED,
        /** A newer join (another device or app instance) took over this participant. */
        REPLACED,
        /** The join failed or the session was lost; {@link #error()} says how. */
        FAILED
    }

    private final Kind kind;
    private final String message;
    private final FoyerException error;

    private EndReason(Kind kind, String message, FoyerException error) {
        this.kind = kind;
        this.message = message;
        this.error = error;
    }

    /** An end of kind {@code kind} (not {@link Kind#FAILED}) with a human {@code message}. */
    public static EndReason of(Kind kind, String message) {
        if (kind == null) {
            throw new NullPointerException("kind == null");
        }
        if (kind == Kind.FAILED) {
            throw new IllegalArgumentException("kind == FAILED: use failed(error)");
        }
        return new EndReason(kind, message == null ? "" : message, null);
    }

    /** A {@link Kind#FAILED} end caused by {@code error}. */
    public static EndReason failed(FoyerException error) {
        if (error == null) {
            throw new NullPointerException("error == null");
        }
        return new EndReason(Kind.FAILED, error.getMessage(), error);
    }

    /** The broad cause. */
    public Kind kind() {
        return kind;
    }

    /** A human sentence: the reason a presenter gave, the server's message, or the error's message. */
    public String message() {
        return message;
    }

    /** The error for {@link Kind#FAILED}; null otherwise. */
    public FoyerException error() {
        return error;
    }

    @Override
    public String toString() {
        return "EndReason{" + kind + ": " + message + "}";
    }
}
