package dev.foyer.server.store.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** Recognizes unique constraint violations, which H2 and PostgreSQL both report as SQLState 23505. */
final class UniqueViolations {
    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {}

    /**
     * The lower-cased message of the unique violation somewhere in {@code failure}'s causes, or
     * empty when it is some other failure. Both databases name the violated constraint in it.
     */
    static Optional<String> message(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return Optional.of(String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
