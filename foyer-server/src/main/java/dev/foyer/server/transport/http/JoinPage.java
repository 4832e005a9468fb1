package dev.foyer.server.transport.http;

import dev.foyer.server.meeting.Meeting;

/** The web join page. A placeholder until the browser client exists; all text is escaped. */
final class JoinPage {
    private JoinPage() {}

    static String render(Meeting meeting, String joinUrl) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s — Foyer</title></head>
                <body><main><h1>%s</h1>
                <p>This is a Foyer meeting. Join it from an app built with the Foyer SDK using this link:</p>
                <p><code>%s</code></p>
                </main></body></html>
                """.formatted(escape(meeting.subject()), escape(meeting.subject()), escape(joinUrl));
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
