package dev.foyer.sdk.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON on Jackson's streaming core only (no databind: a third of the size, no reflection, nothing
 * for R8 to keep). Reads a document into maps, lists, strings, longs, BigDecimals and booleans;
 * writes frames with {@link Frame}.
 */
public final class Json {
    static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    /** The object {@code text} holds. */
    public static JsonObject parseObject(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) read(p);
            return new JsonObject(map);
        }
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, read(p));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    /** Writes {@code value} (a tree as {@link #parseObject} builds it) as JSON text. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof JsonObject) {
            value = ((JsonObject) value).map();
        }
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List) {
            g.writeStartArray();
            for (Object o : (List<?>) value) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof Long || value instanceof Integer) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof java.math.BigDecimal) {
            g.writeNumber((java.math.BigDecimal) value);
        } else if (value instanceof java.math.BigInteger) {
            g.writeNumber((java.math.BigInteger) value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    /** Builds one outgoing frame: {@code new Frame("chat.send").put("text", t).toString()}. */
    public static final class Frame {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final Map<String, String> raw = new LinkedHashMap<>();

        public Frame(String type) {
            fields.put("type", type);
        }

        /** Adds a field; a null value is left out. */
        public Frame put(String name, Object value) {
            if (value != null) {
                fields.put(name, value);
            }
            return this;
        }

        /** Adds a field whose value is JSON text, written as is. */
        public Frame putRaw(String name, String json) {
            raw.put(name, json);
            return this;
        }

        @Override
        public String toString() {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                g.writeStartObject();
                for (Map.Entry<String, Object> e : fields.entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                for (Map.Entry<String, String> e : raw.entrySet()) {
                    g.writeFieldName(e.getKey());
                    g.writeRawValue(e.getValue());
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }
    }
}
