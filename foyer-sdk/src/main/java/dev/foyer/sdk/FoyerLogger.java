package dev.foyer.sdk;


/**
 * Where the SDK writes its diagnostics; the SDK depends on no logging framework. Messages never
 * contain tokens, resume credentials or TURN credentials. Implementations must be thread-safe and
 * quick: they are called on the SDK's internal threads.
 */
public interface FoyerLogger {
    /** Severity of a log line. */
    enum Level {
        /** Protocol-level detail. */
        DEBUG,
        /** Lifecycle: joined, reconnecting, resumed, ended. */
        INFO,
        /** Something unexpected that the SDK recovered from. */
        WARN
    }

    /** Discards everything (the default). */
    FoyerLogger NONE = (level, message, error) -> { };

    /**
     * Writes one line.
     *
     * @param error the related exception, or null
     */
    void log(Level level, String message, Throwable error);

    /** A logger writing to {@code java.util.logging} under the name {@code dev.foyer.sdk}. */
    static FoyerLogger javaUtilLogging() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.foyer.sdk");
        return (level, message, error) -> {
            java.util.logging.Level l = level == Level.DEBUG ? java.util.logging.Level.FINE
                    : level == Level.INFO ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING;
            logger.log(l, message, error);
        };
    }
}
