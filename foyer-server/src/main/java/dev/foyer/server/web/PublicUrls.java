package dev.foyer.server.web;

import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import java.net.URI;
import java.util.Objects;

/** Every URL the server hands out, built from its one public base URL. */
public final class PublicUrls {
    private final String base;

    public PublicUrls(URI publicUrl) {
        Objects.requireNonNull(publicUrl, "publicUrl == null");
        String s = publicUrl.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public String base() {
        return base;
    }

    /** The origin browsers see for pages this server serves (the web join page). */
    public String origin() {
        return Origins.of(URI.create(base));
    }

    public String joinUrl(Meeting meeting) {
        return base + "/meet/" + meeting.organizer().urlName() + "/" + meeting.id();
    }

    public String anonymousTokenUri(Meeting meeting) {
        return joinUrl(meeting) + "/anonymousToken";
    }

    /** Where a join token is exchanged for the signaling endpoint and ICE servers. */
    public String discoverUri() {
        return base + "/discover";
    }

    /** The WebSocket endpoint of a meeting. */
    public String signalingUrl(MeetingId id) {
        String ws = base.startsWith("https://") ? "wss://" + base.substring(8) : "ws://" + base.substring(7);
        return ws + "/signaling/v1/meetings/" + id;
    }

    /** A URI naming the meeting itself, independent of how it is reached. */
    public static String meetingUri(Meeting meeting) {
        return "foyer:meeting:" + meeting.organizer().urlName() + ":" + meeting.id();
    }
}
