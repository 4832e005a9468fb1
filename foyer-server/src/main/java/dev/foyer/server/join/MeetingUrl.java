package dev.foyer.server.join;

import dev.foyer.server.error.FoyerException;
import dev.foyer.server.meeting.MeetingId;
import java.net.URI;

/** A meeting URL taken apart: {@code <base>/meet/<organizer>/<onlineMeetingId>}. */
public record MeetingUrl(String organizer, MeetingId meetingId) {
    public static MeetingUrl parse(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 2048) {
            throw FoyerException.invalidField("meetingUrl", "required: the meeting's joinUrl");
        }
        String path;
        try {
            URI uri = URI.create(raw.trim());
            if (uri.getScheme() == null || uri.getRawPath() == null) {
                throw FoyerException.invalidField("meetingUrl", "must be an absolute meeting URL (the joinUrl)");
            }
            path = uri.getPath();
        } catch (IllegalArgumentException e) {
            throw FoyerException.invalidField("meetingUrl", "not a URL");
        }
        String[] parts = path.replaceAll("/+$", "").split("/");
        int n = parts.length;
        if (n < 4 || !parts[n - 3].equals("meet")) {
            throw FoyerException.invalidField("meetingUrl", "expected .../meet/{organizer}/{onlineMeetingId}");
        }
        return new MeetingUrl(parts[n - 2], MeetingId.parse(parts[n - 1]));
    }
}
