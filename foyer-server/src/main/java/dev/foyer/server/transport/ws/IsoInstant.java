package dev.foyer.server.transport.ws;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does (ISO-8601, UTC, the
 * fraction in groups of three digits as needed), without {@code DateTimeFormatter}: a joiner's
 * snapshot carries a time for everyone in the meeting, and formatting them took a quarter of the
 * meeting writers' allocation in a join storm (docs/performance.md, item 32). Years outside
 * 0000–9999 are left to {@code Instant.toString()}.
 */
final class IsoInstant {
    private static final long SECONDS_PER_DAY = 86_400;
    /** 10000-01-01T00:00:00Z. */
    private static final long YEAR_10000 = 253_402_300_800L;
    /** 0000-01-01T00:00:00Z. */
    private static final long YEAR_0 = -62_167_219_200L;

    private IsoInstant() {}

    static String format(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= YEAR_10000) {
            return t.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        char[] c = new char[30];
        int year = date.getYear();
        digits(c, 0, year / 100);
        digits(c, 2, year % 100);
        c[4] = '-';
        digits(c, 5, date.getMonthValue());
        c[7] = '-';
        digits(c, 8, date.getDayOfMonth());
        c[10] = 'T';
        digits(c, 11, secondOfDay / 3600);
        c[13] = ':';
        digits(c, 14, secondOfDay / 60 % 60);
        c[16] = ':';
        digits(c, 17, secondOfDay % 60);
        int n = 19;
        int nanos = t.getNano();
        if (nanos > 0) {
            c[n++] = '.';
            int groups = nanos % 1_000_000 == 0 ? 1 : nanos % 1_000 == 0 ? 2 : 3;
            int value = nanos / (groups == 1 ? 1_000_000 : groups == 2 ? 1_000 : 1);
            int width = 3 * groups;
            for (int i = width - 1; i >= 0; i--) {
                c[n + i] = (char) ('0' + value % 10);
                value /= 10;
            }
            n += width;
        }
        c[n++] = 'Z';
        return new String(c, 0, n);
    }

    private static void digits(char[] c, int at, int twoDigits) {
        c[at] = (char) ('0' + twoDigits / 10);
        c[at + 1] = (char) ('0' + twoDigits % 10);
    }
}
