package dev.foyer.server.invite;

import dev.foyer.server.meeting.Meeting;
import java.net.URI;
import java.time.Instant;
import java.time.Duration;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * An RFC 5545 invitation for a scheduled meeting: the calendar metadata a back-end or a mail
 * client reads the join URL from (in {@code URL}, {@code LOCATION} and the description).
 */
public final class InviteCalendar {
    private InviteCalendar() {}

    public static String render(Meeting meeting, String joinUrl, String organizerName, String host) {
        Instant start = meeting.startTime() != null ? meeting.startTime() : meeting.createdAt();
        Instant end = meeting.endTime() != null ? meeting.endTime() : start.plus(Duration.ofHours(1));
        VEvent event = new VEvent(start, end, meeting.subject());
        event.add(new Uid(meeting.id().value() + "@" + host));
        event.add(new Url(URI.create(joinUrl)));
        event.add(new Location(joinUrl));
        String about = meeting.description() == null ? "" : meeting.description() + "\n\n";
        event.add(new Description(about + "Join the meeting: " + joinUrl));
        event.add(new Organizer("urn:foyer:user:" + organizerName));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Foyer//Foyer meetings//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(event);
        return calendar.toString();
    }
}
