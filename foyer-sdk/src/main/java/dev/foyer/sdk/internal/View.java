package dev.foyer.sdk.internal;

import dev.foyer.sdk.ChatMessage;
import dev.foyer.sdk.ConversationState;
import dev.foyer.sdk.EndReason;
import dev.foyer.sdk.IceServer;
import dev.foyer.sdk.LobbyWait;
import dev.foyer.sdk.MeetingInfo;
import dev.foyer.sdk.Participant;
import java.util.Collections;
import java.util.List;

/**
 * An immutable picture of a conversation, taken on its thread and published to app threads just
 * before the callback that reports the change, so getters agree with the callbacks seen so far.
 */
final class View {
    static final View INITIAL = new View(ConversationState.ESTABLISHING, null, null, null, Collections.emptyList(),
            Collections.emptyList(), Collections.emptyList(), null, Collections.emptyList(),
            false, false, true);

    final ConversationState state;
    final EndReason endReason;
    final MeetingInfo meeting;
    final Participant self;
    final List<Participant> participants;
    final List<Participant> lobby;
    final List<ChatMessage> history;
    final LobbyWait lobbyWait;
    final List<IceServer> iceServers;
    final boolean canSend;
    final boolean canManage;
    final boolean canLeave;

    View(ConversationState state, EndReason endReason, MeetingInfo meeting, Participant self,
            List<Participant> participants, List<Participant> lobby, List<ChatMessage> history, LobbyWait lobbyWait,
            List<IceServer> iceServers, boolean canSend, boolean canManage, boolean canLeave) {
        this.state = state;
        this.endReason = endReason;
        this.meeting = meeting;
        this.self = self;
        this.participants = participants; // unmodifiable snapshots (Members)
        this.lobby = lobby;
        this.history = history; // ChatLog hands out an unmodifiable list
        this.lobbyWait = lobbyWait;
        this.iceServers = Collections.unmodifiableList(iceServers);
        this.canSend = canSend;
        this.canManage = canManage;
        this.canLeave = canLeave;
    }

    /** The capabilities as one comparable key. */
    String capabilities() {
        return capabilities(canSend, canManage, canLeave);
    }

    static String capabilities(boolean canSend, boolean canManage, boolean canLeave) {
        return canSend + "," + canManage + "," + canLeave;
    }
}
