package dev.foyer.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.server.testing.MeetingScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK against a real server: both join flows, the lobby, the roster and chat. */
class ConversationTest {
    static final String OPEN = "{\"subject\":\"Advice\",\"lobbyBypass\":\"Everyone\"}";
    static final String WITH_LOBBY = "{\"subject\":\"Advice\"}";

    static LiveServer live;
    static ExecutorService appMain;
    static FoyerClient foyer;
    final List<Conversation> conversations = new ArrayList<>();
    final List<RecordingListener> listeners = new ArrayList<>();

    @BeforeAll
    static void start() {
        live = new LiveServer();
        appMain = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-main"));
        foyer = new FoyerClient.Builder().callbackExecutor(appMain).logger(FoyerLogger.javaUtilLogging()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        foyer.close();
        appMain.shutdownNow();
        live.close();
    }

    @AfterEach
    void leaveAll() {
        for (Conversation c : conversations) {
            c.leave();
        }
        for (RecordingListener l : listeners) {
            // Every callback of every conversation ran on the app's executor, never on an SDK thread.
            l.assertAllOnThread("app-main");
        }
    }

    Conversation guestByUrl(MeetingScenario m, String name, RecordingListener rec) {
        return track(foyer.joinMeetingAnonymously(name, m.meeting().get("joinUrl").asText(), rec), rec);
    }

    Conversation guestByToken(MeetingScenario m, String name, RecordingListener rec) {
        String token = m.guestToken("visitor-" + UUID.randomUUID());
        return track(foyer.joinMeetingAnonymously(name, m.meeting().get("joinUrl").asText(), token, live.discoverUri(), rec), rec);
    }

    Conversation presenter(MeetingScenario m, String name, RecordingListener rec) {
        String token = m.staffToken("staff-" + UUID.randomUUID(), name, "presenter");
        Conversation c = track(foyer.joinMeeting(null, m.meeting().get("joinUrl").asText(), token, live.discoverUri(), rec), rec);
        rec.awaitState(ConversationState.ESTABLISHED);
        return c;
    }

    private Conversation track(Conversation c, RecordingListener rec) {
        conversations.add(c);
        listeners.add(rec);
        return c;
    }

    @Test
    void oneClientHoldsManyConversationsWithTheSameServerAtOnce() {
        // More than OkHttp's default of 5 calls per host, each join with discovery and the upgrade
        // in flight together: no conversation may wait for another to end.
        MeetingScenario m = live.meeting(OPEN);
        List<RecordingListener> guests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RecordingListener rec = new RecordingListener("guest-" + i);
            guestByToken(m, "Guest " + i, rec);
            guests.add(rec);
        }

        for (RecordingListener rec : guests) {
            rec.awaitState(ConversationState.ESTABLISHED);
        }
        assertThat(conversations).allSatisfy(c -> assertThat(c.state()).isEqualTo(ConversationState.ESTABLISHED));
    }

    @Test
    void meetingUrlGuestWaitsInTheLobbyUntilAPresenterAdmitsThem() {
        MeetingScenario m = live.meeting(WITH_LOBBY);
        RecordingListener advisor = new RecordingListener("advisor");
        Conversation staff = presenter(m, "Ada Advisor", advisor);
        assertThat(staff.self().role()).isEqualTo(Role.PRESENTER);
        assertThat(staff.lobby().canManage()).isTrue();

        RecordingListener visitor = new RecordingListener("visitor");
        Conversation guest = guestByUrl(m, "Grace Guest", visitor);
        assertThat(guest.state()).isEqualTo(ConversationState.ESTABLISHING);
        visitor.awaitState(ConversationState.IN_LOBBY);
        LobbyWait wait = visitor.await("lobbyWaiting");
        assertThat(wait.message()).isNotEmpty();
        assertThat(wait.timeoutAt()).isAfter(wait.since());
        // A guest in the lobby learns nothing of the meeting.
        assertThat(guest.participants()).isEmpty();
        assertThat(guest.chat().canSend()).isFalse();
        assertThat(guest.lobby().canManage()).isFalse();

        Participant waiting = advisor.await("lobbyEntered");
        assertThat(waiting.displayName()).isEqualTo("Grace Guest");
        assertThat(waiting.waitingSince()).isNotNull();
        assertThat(staff.lobby().waiting()).extracting(Participant::id).containsExactly(waiting.id());
        staff.lobby().admit(waiting);

        visitor.awaitState(ConversationState.ESTABLISHED);
        assertThat(guest.self().id()).isEqualTo(waiting.id());
        assertThat(guest.chat().canSend()).isTrue();
        assertThat(guest.participants()).extracting(Participant::displayName).containsExactlyInAnyOrder("Ada Advisor", "Grace Guest");
        assertThat(guest.meeting().subject()).isEqualTo("Advice");
        assertThat(advisor.<Participant>await("lobbyLeft").id()).isEqualTo(waiting.id());
        assertThat(advisor.<Participant>await("participantJoined").id()).isEqualTo(waiting.id());
        assertThat(staff.lobby().waiting()).isEmpty();
    }

    @Test
    void deniedGuestEndsWithTheReason() {
        MeetingScenario m = live.meeting(WITH_LOBBY);
        RecordingListener advisor = new RecordingListener("advisor");
        Conversation staff = presenter(m, "Ada Advisor", advisor);
        RecordingListener visitor = new RecordingListener("visitor");
        Conversation guest = guestByToken(m, "Grace Guest", visitor);
        visitor.awaitState(ConversationState.IN_LOBBY);

        staff.lobby().deny(advisor.await("lobbyEntered"), "Please book an appointment first.");

        EndReason end = visitor.awaitEnded();
        assertThat(end.kind()).isEqualTo(EndReason.Kind.DENIED);
        assertThat(end.message()).contains("book an appointment");
        assertThat(guest.state()).isEqualTo(ConversationState.ENDED);
        assertThat(guest.endReason()).isSameAs(end);
        assertThat(guest.canLeave()).isFalse();
        assertThat(advisor.<Object>await("lobbyLeft")).isNotNull();
    }

    @Test
    void tokenFlowChatRoundTripWithDeliveryState() {
        MeetingScenario m = live.meeting(OPEN);
        RecordingListener visitor = new RecordingListener("visitor");
        Conversation guest = guestByToken(m, "Grace Guest", visitor);
        visitor.awaitState(ConversationState.ESTABLISHED);
        RecordingListener advisor = new RecordingListener("advisor");
        Conversation staff = presenter(m, "Ada Advisor", advisor);
        Participant joined = visitor.await("participantJoined");
        assertThat(joined.displayName()).isEqualTo("Ada Advisor");
        assertThat(joined.role()).isEqualTo(Role.PRESENTER);

        ChatMessage pending = guest.chat().send("Hello, I have a question");
        assertThat(pending.state()).isEqualTo(ChatMessage.State.PENDING);
        assertThat(pending.isOutgoing()).isTrue();
        ChatMessage sent = visitor.await("chatState", (ChatMessage c) -> c.clientMessageId().equals(pending.clientMessageId()));
        assertThat(sent.state()).isEqualTo(ChatMessage.State.SENT);
        assertThat(sent.messageId()).startsWith("m_");
        assertThat(sent.seq()).isPositive();

        ChatMessage received = advisor.awaitChat("Hello, I have a question");
        assertThat(received.isOutgoing()).isFalse();
        assertThat(received.senderName()).isEqualTo("Grace Guest");
        assertThat(received.senderId()).isEqualTo(guest.self().id());
        assertThat(received.messageId()).isEqualTo(sent.messageId());

        staff.chat().send("Sure, go ahead");
        assertThat(visitor.awaitChat("Sure, go ahead").senderName()).isEqualTo("Ada Advisor");
        assertThat(guest.chat().history()).extracting(ChatMessage::text)
                .containsExactly("Hello, I have a question", "Sure, go ahead");
        assertThat(guest.chat().history()).extracting(ChatMessage::state).containsOnly(ChatMessage.State.SENT);

        // Roster: the advisor leaves, the guest sees it.
        staff.leave();
        assertThat(advisor.awaitEnded().kind()).isEqualTo(EndReason.Kind.LEFT);
        assertThat(visitor.<Participant>await("participantLeft").displayName()).isEqualTo("Ada Advisor");
        assertThat(guest.participants()).extracting(Participant::displayName).containsExactly("Grace Guest");
    }

    @Test
    void aLateJoinerGetsTheRecentChatHistory() {
        MeetingScenario m = live.meeting(OPEN);
        RecordingListener advisor = new RecordingListener("advisor");
        Conversation staff = presenter(m, "Ada Advisor", advisor);
        staff.chat().send("Welcome!");
        advisor.await("chatState");

        RecordingListener visitor = new RecordingListener("visitor");
        Conversation guest = guestByUrl(m, "Grace Guest", visitor);
        visitor.awaitState(ConversationState.ESTABLISHED);
        ChatMessage first = visitor.awaitChat("Welcome!");
        assertThat(first.isOutgoing()).isFalse();
        assertThat(guest.chat().history()).extracting(ChatMessage::text).containsExactly("Welcome!");
    }

    @Test
    void chatBeforeAdmissionFails() {
        MeetingScenario m = live.meeting(WITH_LOBBY);
        RecordingListener visitor = new RecordingListener("visitor");
        Conversation guest = guestByUrl(m, "Grace Guest", visitor);
        visitor.awaitState(ConversationState.IN_LOBBY);
        guest.chat().send("Anyone there?");
        ChatMessage failed = visitor.await("chatState");
        assertThat(failed.state()).isEqualTo(ChatMessage.State.FAILED);
        assertThat(failed.error().kind()).isEqualTo(FoyerException.Kind.FORBIDDEN);
    }

    @Test
    void presenterActionsFromAGuestAreRefusedLocally() {
        MeetingScenario m = live.meeting(OPEN);
        RecordingListener visitor = new RecordingListener("visitor");
        Conversation guest = guestByUrl(m, "Grace Guest", visitor);
        visitor.awaitState(ConversationState.ESTABLISHED);
        assertThat(guest.moderation().canModerate()).isFalse();
        guest.moderation().endMeeting("bye");
        assertThat(visitor.<FoyerException>await("requestFailed").kind()).isEqualTo(FoyerException.Kind.FORBIDDEN);
        assertThat(guest.state()).isEqualTo(ConversationState.ESTABLISHED);
    }

    @Test
    void aPresenterEndingTheMeetingEndsEveryConversation() {
        MeetingScenario m = live.meeting(OPEN);
        RecordingListener advisor = new RecordingListener("advisor");
        Conversation staff = presenter(m, "Ada Advisor", advisor);
        RecordingListener visitor = new RecordingListener("visitor");
        guestByUrl(m, "Grace Guest", visitor);
        visitor.awaitState(ConversationState.ESTABLISHED);
        staff.moderation().endMeeting("Thanks for coming");
        EndReason end = visitor.awaitEnded();
        assertThat(end.kind()).isEqualTo(EndReason.Kind.MEETING_ENDED);
        assertThat(end.message()).isEqualTo("Thanks for coming");
        assertThat(advisor.awaitEnded().kind()).isEqualTo(EndReason.Kind.MEETING_ENDED);
    }

    @Test
    void mediaSignalsReachTheAddresseesEngineAndMediaStateReachesTheRoster() throws Exception {
        MeetingScenario m = live.meeting(OPEN);
        RecordingListener advisor = new RecordingListener("advisor");
        Conversation staff = presenter(m, "Ada Advisor", advisor);
        RecordingListener visitor = new RecordingListener("visitor");
        Conversation guest = guestByUrl(m, "Grace Guest", visitor);
        visitor.awaitState(ConversationState.ESTABLISHED);
        java.util.concurrent.BlockingQueue<String> signals = new java.util.concurrent.LinkedBlockingQueue<>();
        staff.media().setEngine(new MediaEngine() {
            @Override
            public void onSignal(Conversation c, String from, SignalKind kind, String dataJson) {
                signals.add(Thread.currentThread().getName() + " " + from + " " + kind + " " + dataJson);
            }
        });

        guest.media().sendSignal(staff.self().id(), SignalKind.OFFER, "{\"sdp\":\"v=0\",\"n\":1.50}");
        assertThat(signals.poll(RecordingListener.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo("app-main " + guest.self().id() + " OFFER {\"sdp\":\"v=0\",\"n\":1.50}");

        boolean muted = !guest.self().isAudioMuted();
        guest.media().updateLocalMedia(muted, null, null);
        Participant updated = advisor.await("participantUpdated", (Participant p) -> p.displayName().equals("Grace Guest"));
        assertThat(updated.isAudioMuted()).isEqualTo(muted);
        assertThat(staff.participant(updated.id()).isAudioMuted()).isEqualTo(muted);
        visitor.await("participantUpdated");
        assertThat(guest.self().isAudioMuted()).isEqualTo(muted);
    }

    @Test
    void joinFailuresAreTyped() {
        MeetingScenario m = live.meeting(OPEN);
        String joinUrl = m.meeting().get("joinUrl").asText();

        assertThat(failure(foyer.joinMeetingAnonymously("G", "https://example.com/not-a-meeting", track()))
                .kind()).isEqualTo(FoyerException.Kind.INVALID_MEETING_URL);
        String unknown = joinUrl.substring(0, joinUrl.lastIndexOf('/') + 1) + "0000000000000";
        assertThat(failure(foyer.joinMeetingAnonymously("G", unknown, track())).kind())
                .isEqualTo(FoyerException.Kind.MEETING_NOT_FOUND);
        assertThat(failure(foyer.joinMeetingAnonymously("G", joinUrl, "not-a-token", live.discoverUri(), track())).kind())
                .isEqualTo(FoyerException.Kind.TOKEN_INVALID);
        assertThat(failure(foyer.joinMeetingAnonymously("", joinUrl, track())).kind())
                .isEqualTo(FoyerException.Kind.INVALID_REQUEST);

        MeetingScenario invited = live.meeting("{\"subject\":\"Private\",\"accessLevel\":\"Invited\"}");
        FoyerException forbidden = failure(foyer.joinMeetingAnonymously("G", invited.meeting().get("joinUrl").asText(), track()));
        assertThat(forbidden.kind()).isEqualTo(FoyerException.Kind.FORBIDDEN);
        assertThat(forbidden.getMessage()).isNotBlank();

        live.server.api().delete(m.meetingPath(), "Authorization", "Bearer " + m.accessToken());
        assertThat(failure(foyer.joinMeetingAnonymously("G", joinUrl, track())).kind())
                .isEqualTo(FoyerException.Kind.MEETING_ENDED);
    }

    private RecordingListener lastFailureListener;

    private RecordingListener track() {
        lastFailureListener = new RecordingListener("failing");
        listeners.add(lastFailureListener);
        return lastFailureListener;
    }

    private FoyerException failure(Conversation c) {
        EndReason end = lastFailureListener.awaitEnded();
        assertThat(end.kind()).as("end of %s", c).isEqualTo(EndReason.Kind.FAILED);
        assertThat(c.endReason()).isSameAs(end);
        // onEnded is terminal and the state machine ran ESTABLISHING → ENDED.
        assertThat(lastFailureListener.values("state")).containsExactly(ConversationState.ENDED);
        return end.error();
    }

    static List<String> texts(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::text).collect(Collectors.toList());
    }
}
