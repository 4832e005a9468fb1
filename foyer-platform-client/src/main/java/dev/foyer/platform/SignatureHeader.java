package dev.foyer.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The parsed {@code Foyer-Signature} header, {@code t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, and the
 * HMAC it carries. Parts with other names are skipped, so a future {@code v2} scheme can be added
 * beside {@code v1} without breaking receivers.
 */
record SignatureHeader(long timestamp, List<byte[]> v1) {
    static final int MAX_LENGTH = 4096;
    static final int MAX_SIGNATURES = 8;
    private static final int HMAC_BYTES = 32;

    static SignatureHeader parse(String header) throws WebhookVerificationException {
        if (header.length() > MAX_LENGTH) {
            throw malformed("is longer than " + MAX_LENGTH + " characters");
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw malformed("has a part that is not name=value");
            }
            String name = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            if (name.equals("t")) {
                if (timestamp != null) {
                    throw malformed("has more than one t");
                }
                timestamp = parseTimestamp(value);
            } else if (name.equals("v1")) {
                if (signatures.size() == MAX_SIGNATURES) {
                    throw malformed("has more than " + MAX_SIGNATURES + " v1 signatures");
                }
                signatures.add(parseHmac(value));
            }
        }
        if (timestamp == null) {
            throw malformed("has no t");
        }
        if (signatures.isEmpty()) {
            throw malformed("has no v1 signature");
        }
        return new SignatureHeader(timestamp, List.copyOf(signatures));
    }

    /** HMAC-SHA256 under the secret's UTF-8 bytes of {@code "<t>.<body>"}, body as raw bytes. */
    static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e); // every JDK has it
        }
    }

    private static long parseTimestamp(String value) throws WebhookVerificationException {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed("has a t that is not unix seconds");
        }
        return Long.parseLong(value);
    }

    private static byte[] parseHmac(String value) throws WebhookVerificationException {
        if (value.length() != HMAC_BYTES * 2) {
            throw malformed("has a v1 that is not 64 hex digits");
        }
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw malformed("has a v1 that is not 64 hex digits");
        }
    }

    private static WebhookVerificationException malformed(String what) {
        return new WebhookVerificationException(WebhookVerificationException.Reason.MALFORMED_HEADER,
                "the " + WebhookVerifier.SIGNATURE_HEADER + " header " + what);
    }
}
