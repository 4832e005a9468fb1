package dev.foyer.server.meeting;

import dev.foyer.server.error.FoyerException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Validation of meeting fields: lengths, list sizes, and a lifetime within the server's bounds. */
final class MeetingRules {
    static final int MAX_SUBJECT = 256;
    static final int MAX_DESCRIPTION = 4096;
    static final int MAX_LIST = 500;
    static final int MAX_NAME = 128;

    private MeetingRules() {}

    static String subject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw FoyerException.invalidField("subject", "required, 1 to " + MAX_SUBJECT + " characters");
        }
        return text("subject", subject.strip(), MAX_SUBJECT);
    }

    static String description(String description) {
        return description == null ? null : text("description", description, MAX_DESCRIPTION);
    }

    static List<String> names(String field, List<String> names) {
        if (names == null) {
            return List.of();
        }
        if (names.size() > MAX_LIST) {
            throw FoyerException.invalidField(field, "at most " + MAX_LIST + " entries");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw FoyerException.invalidField(field, "entries must be non-empty strings");
            }
            out.add(text(field, name.strip(), MAX_NAME));
        }
        return new ArrayList<>(out);
    }

    /**
     * The expiration time: as asked (in the future, and within {@code max} of the meeting's start),
     * or {@code defaultLifetime} after the scheduled end (or start, or now). The start is the
     * scheduled start when it lies ahead, otherwise now.
     */
    static Instant expiration(Instant asked, Instant startTime, Instant endTime, Instant now, Duration defaultLifetime,
            Duration max) {
        Instant start = startTime != null && startTime.isAfter(now) ? startTime : now;
        Instant latest = start.plus(max);
        if (asked != null) {
            if (!asked.isAfter(now)) {
                throw FoyerException.invalidField("expirationTime", "must be in the future");
            }
            if (asked.isAfter(latest)) {
                throw FoyerException.invalidField("expirationTime",
                        "at most " + max.toHours() + " hours after the meeting starts");
            }
            return asked;
        }
        Instant base = endTime != null && endTime.isAfter(start) ? endTime : start;
        Instant chosen = base.plus(defaultLifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return chosen.isAfter(latest) ? latest : chosen;
    }

    static void schedule(Instant start, Instant end) {
        if (start != null && end != null && !end.isAfter(start)) {
            throw FoyerException.invalidField("endTime", "must be after startTime");
        }
    }

    private static String text(String field, String value, int max) {
        if (value.length() > max) {
            throw FoyerException.invalidField(field, "at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                throw FoyerException.invalidField(field, "must not contain control characters");
            }
        }
        return value;
    }
}
