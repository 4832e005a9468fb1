package dev.foyer.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;

/** Turns an error response into the exception callers branch on. */
final class Errors {
    private Errors() {}

    /**
     * Reads either body shape: the API's {@code {"error":{"code","message"}}} or RFC 6749's
     * {@code {"error":"invalid_client","error_description":"…"}} from the token endpoint.
     */
    static FoyerApiException from(Transport.Response r) {
        String code = "http_" + r.status();
        String message = r.method() + " " + r.path() + " answered HTTP " + r.status() + " without a Foyer error body";
        try {
            JsonNode root = r.body() == null || r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body());
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject() && error.path("code").isTextual()) {
                code = error.get("code").asText();
                message = error.path("message").asText(code);
            } else if (error != null && error.isTextual()) {
                code = error.asText();
                message = root.path("error_description").asText(code);
            }
        } catch (IOException e) {
            // not JSON: keep the synthetic code
        }
        if (r.status() == 401 && code.equals("invalid_client")) {
            return new FoyerAuthenticationException(r.status(), code, message);
        }
        return new FoyerApiException(r.status(), code, message, retryAfter(r));
    }

    /** The error code if the body is the API's error shape, else null; never throws. */
    static String codeOf(Transport.Response r) {
        try {
            JsonNode code = Json.MAPPER.readTree(r.body()).path("error").path("code");
            return code.isTextual() ? code.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Duration retryAfter(Transport.Response r) {
        return r.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty(); // an HTTP date: rare enough to leave unparsed
            }
        }).orElse(null);
    }
}
