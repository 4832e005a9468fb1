package dev.foyer.server.live.runtime;

import dev.foyer.server.live.LiveMeeting;
import dev.foyer.server.live.Participant;
import dev.foyer.server.live.ParticipantView;
import dev.foyer.server.meeting.LiveMeetings;
import dev.foyer.server.webhook.LiveEvents;
import java.util.ArrayList;
import java.util.List;

/** A live meeting's roster and lobby as the HTTP side sees them. Call on the meeting's writer. */
final class LiveViews {
    private LiveViews() {}

    static LiveMeetings.LiveState state(LiveMeeting live) {
        List<LiveMeetings.Member> roster = new ArrayList<>();
        List<LiveMeetings.Member> lobby = new ArrayList<>();
        for (Participant p : live.participants()) {
            ParticipantView v = p.view();
            LiveMeetings.Member m = new LiveMeetings.Member(p.id(), v.displayName(), v.role().wireName(),
                    LiveEvents.applicationSessionId(p.subject()), v.joinedAt(), v.waitingSince());
            (p.isAdmitted() ? roster : lobby).add(m);
        }
        return new LiveMeetings.LiveState(!live.isEnded() && !(roster.isEmpty() && lobby.isEmpty()), live.seq(),
                roster, lobby);
    }
}
