package dev.foyer.sdk.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.HttpUrl;

/**
 * Where discovery will most likely send a join, guessed before it answers, so that the WebSocket
 * upgrade can run alongside discovery. A Foyer server lays out its URLs as {@code {base}/discover}
 * and {@code ws(s)://{same host and port}{same path prefix}/signaling/v1/meetings/{meetingId}},
 * and a join token's {@code mid} claim names its meeting.
 *
 * <p>A prediction is only a hint: the token's payload is read without verifying anything, and the
 * token is never sent to a predicted URL before discovery has named that very URL ({@link
 * #confirmedBy}). Whatever cannot be read the expected way gives no prediction.
 */
final class SignalingPrediction {
    private static final String DISCOVER = "/discover";
    private static final String SIGNALING = "signaling/v1/meetings/";
    private static final int MAX_MEETING_ID_LENGTH = 64;

    private SignalingPrediction() {}

    /**
     * The signaling URL (in its http(s) form, as OkHttp takes WebSocket URLs) that discovery should
     * name for {@code token}, or null when the discovery URI or the token is not of the expected shape.
     */
    static HttpUrl predict(String discoverUri, String token) {
        HttpUrl discover = discoverUri == null ? null : HttpUrl.parse(discoverUri);
        String meetingId = meetingId(token);
        if (discover == null || meetingId == null || !discover.encodedPath().endsWith(DISCOVER)) {
            return null;
        }
        String path = discover.encodedPath();
        String prefix = path.substring(0, path.length() - DISCOVER.length() + 1); // keeps the slash
        return discover.newBuilder().username("").password("").query(null).fragment(null)
                .encodedPath(prefix + SIGNALING + meetingId).build();
    }

    /** Whether the signaling URL discovery named is {@code predicted}, compared as parsed URLs. */
    static boolean confirmedBy(HttpUrl predicted, String signalingUrl) {
        return predicted.equals(webSocketUrl(signalingUrl));
    }

    /** A ws(s) URL in the http(s) form OkHttp gives it ({@code Request.Builder.url}), or null. */
    static HttpUrl webSocketUrl(String url) {
        if (url == null) {
            return null;
        }
        if (url.regionMatches(true, 0, "ws:", 0, 3)) {
            return HttpUrl.parse("http:" + url.substring(3));
        }
        if (url.regionMatches(true, 0, "wss:", 0, 4)) {
            return HttpUrl.parse("https:" + url.substring(4));
        }
        return HttpUrl.parse(url);
    }

    /**
     * The {@code mid} claim of a compact JWS (its payload is the base64url JSON middle part), or
     * null when the token is not one, or the claim is missing or not a plain path segment.
     */
    static String meetingId(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return null;
        }
        String mid;
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            mid = Json.parseObject(new String(payload, StandardCharsets.UTF_8)).string("mid");
        } catch (IllegalArgumentException | IOException notAPayload) {
            return null;
        }
        return isPlainSegment(mid) ? mid : null;
    }

    private static boolean isPlainSegment(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_MEETING_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
