package dev.foyer.platform;

import java.util.List;

/**
 * One page of the application's meetings, newest first, from {@link
 * FoyerPlatformClient#listMeetings}. Listed meetings carry no live counts.
 *
 * @param nextOffset the offset of the next page, or {@code null} on the last page
 */
public record MeetingPage(List<Meeting> items, int offset, int limit, Integer nextOffset) {

    public MeetingPage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** True if another page follows; fetch it with {@code listMeetings(nextOffset(), limit())}. */
    public boolean hasMore() {
        return nextOffset != null;
    }
}
