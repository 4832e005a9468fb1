package dev.foyer.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Foyer-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">},
 * with one {@code v1=} per signing secret (two during a secret rotation's overlap, current first).
 * The body is the exact bytes sent.
 */
public final class WebhookSignature {
    public static final String HEADER = "Foyer-Signature";

    private WebhookSignature() {}

    public static String header(long unixSeconds, String body, List<String> secrets) {
        StringBuilder out = new StringBuilder("t=").append(unixSeconds);
        for (String secret : secrets) {
            out.append(",v1=").append(hmacHex(secret, unixSeconds + "." + body));
        }
        return out.toString();
    }

    static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
