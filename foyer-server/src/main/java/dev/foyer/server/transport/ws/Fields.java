package dev.foyer.server.transport.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foyer.protocol.ErrorCode;

/**
 * Typed, strict access to the fields of one client message. A required field that is missing, or
 * any field of the wrong JSON type, is an {@link ErrorCode#INVALID_FIELD} naming the field and
 * carrying the message's request id. Nothing is coerced: {@code "1"} is not a number and {@code 1}
 * is not a string. An explicit {@code null} counts as absent.
 */
final class Fields {
    private final ObjectNode message;
    private final String requestId;

    Fields(ObjectNode message, String requestId) {
        this.message = message;
        this.requestId = requestId;
    }

    String requestId() {
        return requestId;
    }

    /** A required string of at most {@code maxChars} UTF-16 chars ({@link String#length()}). */
    String string(String name, int minChars, int maxChars) {
        JsonNode node = present(name);
        if (node == null) {
            throw invalid(name + " is required");
        }
        return checked(name, node, minChars, maxChars);
    }

    /** An optional string of at most {@code maxChars} chars, or null. */
    String optionalString(String name, int maxChars) {
        JsonNode node = present(name);
        return node == null ? null : checked(name, node, 0, maxChars);
    }

    /**
     * A required JSON integer as an int. Integers beyond int saturate to {@link Integer#MIN_VALUE}
     * or {@link Integer#MAX_VALUE}, so the domain's range check still rejects them.
     */
    int saturatedInt(String name) {
        JsonNode node = integer(name);
        if (node.canConvertToInt()) {
            return node.intValue();
        }
        return node.bigIntegerValue().signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }

    /** A required non-negative JSON integer that fits a long. */
    long nonNegativeLong(String name) {
        JsonNode node = integer(name);
        if (!node.canConvertToLong() || node.longValue() < 0) {
            throw invalid(name + " must be a non-negative integer");
        }
        return node.longValue();
    }

    /** An optional boolean, or null. */
    Boolean optionalBoolean(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid(name + " must be a boolean");
        }
        return node.booleanValue();
    }

    /** A required JSON object. */
    ObjectNode object(String name) {
        JsonNode node = present(name);
        if (node == null) {
            throw invalid(name + " is required");
        }
        if (!node.isObject()) {
            throw invalid(name + " must be an object");
        }
        return (ObjectNode) node;
    }

    private JsonNode integer(String name) {
        JsonNode node = present(name);
        if (node == null) {
            throw invalid(name + " is required");
        }
        if (!node.isIntegralNumber()) {
            throw invalid(name + " must be an integer");
        }
        return node;
    }

    /** An {@link ErrorCode#INVALID_FIELD} error carrying this message's request id. */
    ProtocolException invalid(String message) {
        return new ProtocolException(ErrorCode.INVALID_FIELD, requestId, message);
    }

    private JsonNode present(String name) {
        JsonNode node = message.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private String checked(String name, JsonNode node, int minChars, int maxChars) {
        if (!node.isTextual()) {
            throw invalid(name + " must be a string");
        }
        String value = node.textValue();
        if (value.length() < minChars) {
            throw invalid(minChars == 1
                    ? name + " must not be empty"
                    : name + " must be at least " + minChars + " characters");
        }
        if (value.length() > maxChars) {
            throw invalid(name + " must be at most " + maxChars + " characters");
        }
        return value;
    }
}
