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
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
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
