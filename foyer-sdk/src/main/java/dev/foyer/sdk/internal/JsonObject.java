package dev.foyer.sdk.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A parsed JSON object with lenient typed getters: a missing or mistyped field reads as absent. */
public final class JsonObject {
    private final Map<String, Object> map;

    JsonObject(Map<String, Object> map) {
        this.map = map;
    }

    Map<String, Object> map() {
        return map;
    }

    public boolean has(String name) {
        return map.get(name) != null;
    }

    /** The string field, or null. */
    public String string(String name) {
        Object v = map.get(name);
        return v instanceof String ? (String) v : null;
    }

    /** The integer field, or {@code fallback}. */
    public long number(String name, long fallback) {
        Object v = map.get(name);
        return v instanceof Long ? (Long) v : fallback;
    }

    /** The boolean field, or {@code fallback}. */
    public boolean bool(String name, boolean fallback) {
        Object v = map.get(name);
        return v instanceof Boolean ? (Boolean) v : fallback;
    }

    /** The ISO-8601 instant field, or null. */
    public Instant instant(String name) {
        String s = string(name);
        if (s == null) {
            return null;
        }
        Instant fast = canonicalInstant(s);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The instant in {@code s} when it has the form the server writes ({@code Instant.toString()}:
     * {@code 2026-11-28T17:21:37.466Z}, zero to nine fraction digits, a four-digit year), read
     * without {@code DateTimeFormatter}, whose parse costs more than the rest of a chat frame; null
     * for anything else, which {@link Instant#parse} then reads or refuses.
     */
    static Instant canonicalInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between '.' and 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(s, 20, fraction);
            if (value < 0) {
                return null;
            }
            nanos = value;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The non-negative number in {@code s[from, from + count)}, or -1 if any of it is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The object field, or null. */
    @SuppressWarnings("unchecked")
    public JsonObject object(String name) {
        Object v = map.get(name);
        return v instanceof Map ? new JsonObject((Map<String, Object>) v) : null;
    }

    /** The objects in the array field (other elements skipped); empty if absent. */
    @SuppressWarnings("unchecked")
    public List<JsonObject> objects(String name) {
        Object v = map.get(name);
        if (!(v instanceof List)) {
            return Collections.emptyList();
        }
        List<JsonObject> out = new ArrayList<>();
        for (Object o : (List<Object>) v) {
            if (o instanceof Map) {
                out.add(new JsonObject((Map<String, Object>) o));
            }
        }
        return out;
    }

    /** The strings in the array field, or the field itself if it is one string; empty if absent. */
    public List<String> strings(String name) {
        Object v = map.get(name);
        List<String> out = new ArrayList<>();
        if (v instanceof String) {
            out.add((String) v);
        } else if (v instanceof List) {
            for (Object o : (List<?>) v) {
                if (o instanceof String) {
                    out.add((String) o);
                }
            }
        }
        return out;
    }

    /** The raw value of a field, as JSON text, or null. */
    public String rawJson(String name) {
        Object v = map.get(name);
        return v == null ? null : Json.write(v);
    }

    @Override
    public String toString() {
        return Json.write(map);
    }
}
