package dev.foyer.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Proves that a webhook request comes from Foyer, and reads its event.
 *
 * <h2>The signature</h2>
 * Foyer signs every callback with the application's webhook secret ({@code whs_…}, shown once by
 * {@code foyer app create}) and sends the result in the {@code Foyer-Signature} header:
 *
 * <pre>
 * Foyer-Signature: t=1746090000,v1=168a459fb0e7643b4eaab63a74f29e1e87268c922ce730107a44d21d74cd3814
 * </pre>
 *
 * (that is the body {@code {"id":"evt_1"}} signed at 1746090000 with the secret {@code whs_example}).
 *
 * <ol>
 *   <li>{@code t} is the time of signing in Unix seconds (decimal);
 *   <li>the signed payload is the bytes of {@code t} in ASCII, a {@code '.'}, then the request
 *       body exactly as received (raw bytes, before any JSON parsing or re-encoding);
 *   <li>{@code v1} is HMAC-SHA256 of that payload, keyed by the UTF-8 bytes of the whole secret
 *       string (prefix included), in lower-case hex (64 digits);
 *   <li>while a secret is being rotated the header carries one {@code v1} per secret,
 *       {@code t=…,v1=<new>,v1=<old>}: a request is genuine if any of them matches.
 * </ol>
 *
 * <p>A receiver in any language checks it the same way: compute the HMAC, compare in constant time
 * with each {@code v1}, then check that {@code t} is within a few minutes of its own clock. {@link
 * #sign} computes the header, for tests and for checking another implementation.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *     .secret(System.getenv("FOYER_WEBHOOK_SECRET"))
 *     .rejectReplays()
 *     .build();
 * WebhookEvent event = verifier.verify(request.header("Foyer-Signature"), request.bodyBytes());
 * }</pre>
 *
 * <p>{@link #verify} checks, in order: the header is present and well formed; a {@code v1} matches
 * (compared with {@link MessageDigest#isEqual}); {@code t} is within the tolerance of the clock,
 * either way (default 5 minutes); the body is an event; and, with replay protection on, its id was
 * not accepted before within the window. Each failure is a {@link WebhookVerificationException}
 * with its {@link WebhookVerificationException.Reason}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class WebhookVerifier {
    /** The name of the header that carries the signature. */
    public static final String SIGNATURE_HEADER = "Foyer-Signature";
    /** The default tolerance between the signature's timestamp and the receiver's clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final List<String> secrets;
    private final Duration tolerance;
    private final Clock clock;
    private final SeenEventStore seenEvents; // null: replay protection off

    private WebhookVerifier(Builder b) {
        this.secrets = List.copyOf(b.secrets);
        this.tolerance = b.tolerance;
        this.clock = b.clock;
        this.seenEvents = b.seenEvents;
    }

    /** A builder; a secret is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a request and returns its event.
     *
     * @param signatureHeader the value of the {@code Foyer-Signature} header, or {@code null} if absent
     * @param body the request body exactly as received
     * @throws WebhookVerificationException if the request is not a genuine, timely, new event
     */
    public WebhookEvent verify(String signatureHeader, byte[] body) throws WebhookVerificationException {
        Objects.requireNonNull(body, "body == null");
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.MISSING_HEADER,
                    "the request has no " + SIGNATURE_HEADER + " header");
        }
        SignatureHeader header = SignatureHeader.parse(signatureHeader);
        if (!matchesAny(header, body)) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.BAD_SIGNATURE,
                    "no v1 signature matches the body under the webhook secret");
        }
        Instant now = clock.instant();
        Instant signedAt = Instant.ofEpochSecond(header.timestamp());
        Duration age = Duration.between(signedAt, now);
        if (age.abs().compareTo(tolerance) > 0) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.TIMESTAMP_OUTSIDE_WINDOW,
                    "the signature's timestamp is " + (age.isNegative() ? age.negated() + " ahead of" : age + " behind")
                            + " this clock, beyond the tolerance of " + tolerance);
        }
        WebhookEvent event = parse(body);
        if (seenEvents != null && !seenEvents.markSeen(event.id(), now, signedAt.plus(tolerance))) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.REPLAYED,
                    "event " + event.id() + " was already accepted", event.id(), null);
        }
        return event;
    }

    /** Verifies a request whose body the framework handed over as a string; it is signed as UTF-8. */
    public WebhookEvent verify(String signatureHeader, String body) throws WebhookVerificationException {
        Objects.requireNonNull(body, "body == null");
        return verify(signatureHeader, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code Foyer-Signature} header Foyer would send for this body at this time, with one
     * {@code v1} per secret (in the order given). See the class documentation for the algorithm.
     */
    public static String sign(Instant timestamp, byte[] body, String... secrets) {
        Objects.requireNonNull(timestamp, "timestamp == null");
        Objects.requireNonNull(body, "body == null");
        if (secrets.length == 0) {
            throw new IllegalArgumentException("no secret");
        }
        long t = timestamp.getEpochSecond();
        StringJoiner header = new StringJoiner(",").add("t=" + t);
        for (String secret : secrets) {
            Objects.requireNonNull(secret, "secret == null");
            header.add("v1=" + HexFormat.of().formatHex(SignatureHeader.hmac(secret, t, body)));
        }
        return header.toString();
    }

    private boolean matchesAny(SignatureHeader header, byte[] body) {
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected = SignatureHeader.hmac(secret, header.timestamp(), body);
            for (byte[] candidate : header.v1()) {
                matched |= MessageDigest.isEqual(expected, candidate); // no early exit: time does not depend on which matched
            }
        }
        return matched;
    }

    private static WebhookEvent parse(byte[] body) throws WebhookVerificationException {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw new IOException("the body is not a JSON object");
            }
            String id = requiredText(root, "id");
            String type = requiredText(root, "type");
            Instant createdAt = Instant.parse(requiredText(root, "createdAt"));
            JsonNode seq = root.path("seq");
            if (!seq.isMissingNode() && !seq.isNull() && !seq.canConvertToExactIntegral()) {
                throw new IOException("seq is not an integer");
            }
            JsonNode data = root.path("data");
            return new WebhookEvent(id, type, createdAt, optionalText(root, "applicationId"),
                    optionalText(root, "onlineMeetingId"), seq.isIntegralNumber() ? seq.asLong() : null,
                    data.isMissingNode() || data.isNull() ? Json.MAPPER.createObjectNode() : data);
        } catch (IOException | DateTimeException e) {
            throw new WebhookVerificationException(WebhookVerificationException.Reason.MALFORMED_EVENT,
                    "the signed body is not a webhook event: " + e.getMessage(), null, e);
        }
    }

    private static String requiredText(JsonNode root, String field) throws IOException {
        JsonNode n = root.path(field);
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new IOException(field + " is missing");
        }
        return n.asText();
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode n = root.path(field);
        return n.isTextual() ? n.asText() : null;
    }

    /** Configures a {@link WebhookVerifier}; a secret is required. */
    public static final class Builder {
        private List<String> secrets = List.of();
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();
        private SeenEventStore seenEvents;

        private Builder() {}

        /** The application's webhook secret. */
        public Builder secret(String secret) {
            Objects.requireNonNull(secret, "secret == null");
            return secrets(List.of(secret));
        }

        /**
         * Several secrets, any of which may have signed a request: for a receiver that rotates its
         * secret while requests signed with the old one are still in flight.
         */
        public Builder secrets(List<String> secrets) {
            Objects.requireNonNull(secrets, "secrets == null");
            for (String s : secrets) {
                if (Objects.requireNonNull(s, "secret == null").isEmpty()) {
                    throw new IllegalArgumentException("secret is empty");
                }
            }
            this.secrets = List.copyOf(secrets);
            return this;
        }

        /** How far the signature's timestamp may be from the clock, either way (default 5 minutes). */
        public Builder tolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance == null");
            if (tolerance.isNegative() || tolerance.isZero()) {
                throw new IllegalArgumentException("tolerance must be positive: " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** The receiver's clock (default: the system clock). For tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** Refuses an event id already accepted within the window, remembering ids in this process's memory. */
        public Builder rejectReplays() {
            return rejectReplays(new InMemorySeenEventStore());
        }

        /** Refuses an event id already accepted within the window, remembering ids in this store. */
        public Builder rejectReplays(SeenEventStore store) {
            this.seenEvents = Objects.requireNonNull(store, "store == null");
            return this;
        }

        /** @throws IllegalStateException if no secret was set */
        public WebhookVerifier build() {
            if (secrets.isEmpty()) {
                throw new IllegalStateException("secret == null");
            }
            return new WebhookVerifier(this);
        }
    }
}
