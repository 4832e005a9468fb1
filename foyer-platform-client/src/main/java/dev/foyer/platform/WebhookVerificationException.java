package dev.foyer.platform;

import java.util.Objects;

/**
 * A webhook request that {@link WebhookVerifier} refused, and why. Answer {@link
 * Reason#REPLAYED} with a 2xx (the event was already accepted, and Foyer stops redelivering it);
 * answer every other reason with a 400 and do not act on the request.
 *
 * <pre>{@code
 * try {
 *     handle(verifier.verify(request.header("Foyer-Signature"), request.bodyBytes()));
 *     return 204;
 * } catch (WebhookVerificationException e) {
 *     return e.reason() == WebhookVerificationException.Reason.REPLAYED ? 200 : 400;
 * }
 * }</pre>
 *
 * <p>Checked, because every receiver must decide what to answer.
 */
public final class WebhookVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a webhook request was refused. */
    public enum Reason {
        /** The request has no {@code Foyer-Signature} header. */
        MISSING_HEADER,
        /** The header is not {@code t=<unix seconds>,v1=<64 hex digits>[,v1=…]}. */
        MALFORMED_HEADER,
        /** No {@code v1} value is the HMAC of this body and timestamp under the secret. */
        BAD_SIGNATURE,
        /** The signature is genuine but its timestamp is too old or too far ahead: a replay or a skewed clock. */
        TIMESTAMP_OUTSIDE_WINDOW,
        /** The signature is genuine but the body is not an event (a bug on one side, not an attack). */
        MALFORMED_EVENT,
        /** The event's id was already accepted within the window (replay protection is on). */
        REPLAYED
    }

    private final Reason reason;
    private final String eventId;

    WebhookVerificationException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    WebhookVerificationException(Reason reason, String message, String eventId, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason == null");
        this.eventId = eventId;
    }

    /** Why the request was refused. */
    public Reason reason() {
        return reason;
    }

    /** The event's id, known only for {@link Reason#REPLAYED}; otherwise {@code null}. */
    public String eventId() {
        return eventId;
    }
}
