package dev.foyer.platform;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The server answered with an HTTP error. Branch on {@link #code()}, never on the message:
 *
 * <pre>{@code
 * try {
 *     return client.getMeeting(id);
 * } catch (FoyerApiException e) {
 *     if (e.code().equals("meeting_not_found")) return null;
 *     throw e;
 * }
 * }</pre>
 *
 * <p>Codes used by the Platform API include {@code invalid_request} and {@code invalid_field}
 * (400), {@code unauthenticated}, {@code invalid_token} and {@code token_expired} (401), {@code
 * forbidden} (403), {@code meeting_not_found} (404), {@code meeting_ended} (410), {@code
 * payload_too_large} (413) and {@code rate_limited} (429). The token endpoint's RFC 6749 errors
 * ({@code invalid_request}, {@code unsupported_grant_type}) arrive here with the same field
 * names; a rejected client is the subtype {@link FoyerAuthenticationException}.
 *
 * <p>A response without Foyer's error body (a proxy's 502 page, say) gets the code {@code
 * http_<status>}, for example {@code http_502}.
 */
public class FoyerApiException extends FoyerException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String errorMessage;
    private final transient Duration retryAfter;

    FoyerApiException(int status, String code, String errorMessage, Duration retryAfter) {
        super("HTTP " + status + " " + code + ": " + errorMessage, null);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code == null");
        this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage == null");
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, for example 404. */
    public int status() {
        return status;
    }

    /** The stable snake_case error code, for example {@code meeting_not_found}. */
    public String code() {
        return code;
    }

    /** The server's human sentence; for logs and people, not for branching. */
    public String errorMessage() {
        return errorMessage;
    }

    /** How long the server asked the caller to wait ({@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
