package dev.foyer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints results as JSON ({@code --json}) or as aligned "key: value" text. */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Output() {}

    static void print(PrintWriter out, boolean json, Map<String, ?> fields) {
        if (json) {
            out.println(toJson(fields));
            return;
        }
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((k, v) -> out.println(String.format("%-" + width + "s  %s", k, v == null ? "" : v)));
    }

    static void printRows(PrintWriter out, boolean json, List<? extends Map<String, ?>> rows) {
        if (json) {
            out.println(toJson(rows));
            return;
        }
        if (rows.isEmpty()) {
            out.println("(none)");
            return;
        }
        for (Map<String, ?> row : rows) {
            out.println(String.join("  ", row.values().stream().map(v -> v == null ? "-" : v.toString()).toList()));
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
