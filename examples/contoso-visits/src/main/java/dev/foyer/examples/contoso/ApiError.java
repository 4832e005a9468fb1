package dev.foyer.examples.contoso;

import java.time.Duration;

/** A refusal with a status and a stable code, answered as {@code {"error":{"code","message"}}}. */
final class ApiError extends RuntimeException {
    final int status;
    final String code;
    final Duration retryAfter;

    ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    ApiError(int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    static ApiError unauthenticated() {
        return new ApiError(401, "unauthenticated", "Sign in first.");
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "invalid_request", message);
    }
}
