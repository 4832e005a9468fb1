package dev.foyer.server.transport.http;

import dev.foyer.server.meeting.Meeting;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * The web join page at the meeting URL, for browsers. The HTML is a fixed template
 * ({@code web/meet.html}) with the subject escaped into it; everything live is done by
 * {@code /web/meet.js} through the browser SDK. The Content-Security-Policy allows scripts,
 * styles and connections from this server only, and no inline script at all, so nothing a
 * participant types (names, chat) can run as code even if it were rendered as HTML (it is not:
 * meet.js sets text only).
 */
final class JoinPage {
    private static final String TEMPLATE = new String(WebAssets.read("web/meet.html"), StandardCharsets.UTF_8);

    private JoinPage() {}

    static String render(Meeting meeting, String joinUrl) {
        return TEMPLATE.replace("{{subject}}", escape(meeting.subject())).replace("{{joinUrl}}", escape(joinUrl));
    }

    /** Sends the page with its security headers. {@code serverOrigin} is this server's own origin. */
    static void send(Context ctx, Meeting meeting, String joinUrl, String serverOrigin) {
        String ws = serverOrigin.replaceFirst("^http", "ws");
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self' " + ws + "; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
        ctx.header("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self)");
        // same-origin, not no-referrer: with no-referrer the page's own POSTs would carry "Origin: null".
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Vary", "Accept, Origin");
        ctx.contentType("text/html; charset=utf-8").result(render(meeting, joinUrl));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
