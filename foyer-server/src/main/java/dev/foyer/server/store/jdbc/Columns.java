package dev.foyer.server.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Conversions between column values and domain values shared by the stores. */
final class Columns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private Columns() {}

    /** The instant in a {@code TIMESTAMP WITH TIME ZONE} column, or null. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The list in a column written by {@link #json(List)}. */
    static List<String> stringList(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        try {
            return List.copyOf(JSON.readValue(text, STRING_LIST));
        } catch (JsonProcessingException e) {
            throw new SQLException("column " + column + " does not hold a JSON string array", e);
        }
    }

    /** A list of strings as a JSON array, which keeps order, empty strings and every character. */
    static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
