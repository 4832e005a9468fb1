package dev.foyer.server.live;

import static dev.foyer.server.live.LiveFixtures.T0;
import static dev.foyer.server.live.LiveFixtures.defaultMeeting;
import static dev.foyer.server.live.LiveFixtures.entrant;
import static dev.foyer.server.live.LiveFixtures.guestClaims;
import static dev.foyer.server.live.LiveFixtures.staffClaims;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.protocol.CloseCodes;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.token.JoinClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live meeting's rules, stepped through time without threads or I/O. */
class LiveMeetingTest {
    private Meeting meeting;
    private LiveMeeting live;
    private LiveFixtures.Recorder out;
    private String advisor;

    @BeforeEach
    void setUp() {
        meeting = defaultMeeting();
        live = new LiveMeeting(meeting, LiveSettings.DEFAULT.withLobbyTimeout(Duration.ofMinutes(15)), 100, List.of(),
                LiveFixtures.ids());
        out = new LiveFixtures.Recorder();
        advisor = enter(staffClaims("advisor", "presenter"), "Dana", T0);
    }

    private String enter(JoinClaims claims, String name, Instant at) {
        String id = live.enter(entrant(claims, meeting, name), null, at).orElseThrow().id();
        out.take(live);
        return id;
    }

    /** Enters and, when the policy puts the entrant in the lobby, has the advisor admit it. */
    private String enterAdmitted(JoinClaims claims, String name, Instant at) {
        String id = enter(claims, name, at);
        if (!live.participant(id).orElseThrow().isAdmitted()) {
            handle(advisor, new Command.Admit(null, id), at);
        }
        return id;
    }

    private void handle(String who, Command command, Instant at) {
        live.handle(who, command, at);
        out.take(live);
    }

    @Test
    void presenterEntersStraightAwayWithASnapshot() {
        Outbound.Joined joined = out.of(advisor, Outbound.Joined.class).get(0);
        assertThat(joined.inLobby()).isFalse();
        assertThat(joined.seq()).isEqualTo(101);
        assertThat(joined.resumeToken()).startsWith("rt_");
        Outbound.Snapshot snapshot = out.of(advisor, Outbound.Snapshot.class).get(0);
        assertThat(snapshot.participants()).extracting(ParticipantView::displayName).containsExactly("Dana");
        assertThat(snapshot.lobby()).isEmpty();
    }

    @Test
    void guestInLobbyLearnsNothingOfTheMeeting() {
        out.clear();
        String guest = enter(guestClaims("s1", "app_0000000000000000"), "Ada", T0.plusSeconds(1));
        assertThat(out.of(guest)).hasExactlyElementsOfTypes(Outbound.Joined.class, Outbound.LobbyWaiting.class);
        Outbound.LobbyWaiting waiting = (Outbound.LobbyWaiting) out.of(guest).get(1);
        assertThat(waiting.since()).isEqualTo(T0.plusSeconds(1));
        assertThat(waiting.timeoutAt()).isEqualTo(T0.plusSeconds(1).plus(Duration.ofMinutes(15)));
        assertThat(waiting.reason().message()).contains("presenter");
        assertThat(out.of(advisor, Outbound.LobbyEntered.class)).extracting(e -> e.participant().displayName())
                .containsExactly("Ada");

        handle(advisor, new Command.SendChat(null, "c1", "hello"), T0.plusSeconds(2));
        handle(advisor, new Command.UpdateMedia(null, false, null, null), T0.plusSeconds(2));
        handle(guest, new Command.SendChat("r1", "c2", "let me in"), T0.plusSeconds(3));
        assertThat(out.of(guest)).hasExactlyElementsOfTypes(Outbound.Joined.class, Outbound.LobbyWaiting.class,
                Outbound.Error.class);
        assertThat(((Outbound.Error) out.of(guest).get(2)).code()).isEqualTo("in_lobby");
        assertThat(((Outbound.Error) out.of(guest).get(2)).re()).isEqualTo("r1");
    }

    @Test
    void admittedGuestGetsASnapshotWithRecentChatAndOthersSeeItJoin() {
        handle(advisor, new Command.SendChat(null, "c1", "before you came"), T0.plusSeconds(1));
        String guest = enter(guestClaims("s1", null), "Ada", T0.plusSeconds(2));
        out.clear();
        handle(advisor, new Command.Admit("a1", guest), T0.plusSeconds(3));

        assertThat(out.of(guest)).hasExactlyElementsOfTypes(Outbound.Admitted.class, Outbound.Snapshot.class);
        Outbound.Snapshot snapshot = (Outbound.Snapshot) out.of(guest).get(1);
        assertThat(snapshot.participants()).extracting(ParticipantView::displayName).containsExactly("Dana", "Ada");
        assertThat(snapshot.lobby()).isNull();
        assertThat(snapshot.chat()).extracting(ChatRecord::text).containsExactly("before you came");
        assertThat(out.of(advisor)).hasExactlyElementsOfTypes(Outbound.LobbyLeft.class,
                Outbound.ParticipantJoined.class);
        assertThat(out.effects(Effect.WasAdmitted.class)).extracting(Effect.WasAdmitted::by).containsExactly(advisor);
    }

    @Test
    void admitAllLetsEveryoneWaitingIn() {
        String a = enter(guestClaims("a", null), "A", T0);
        String b = enter(guestClaims("b", null), "B", T0);
        handle(advisor, new Command.AdmitAll(null), T0.plusSeconds(5));
        assertThat(live.counts()).isEqualTo(new LiveMeeting.LiveCounts(3, 0));
        assertThat(out.of(a, Outbound.Admitted.class)).hasSize(1);
        assertThat(out.of(b, Outbound.Admitted.class)).hasSize(1);
    }

    @Test
    void deniedGuestIsToldWhyAndDisconnected() {
        String guest = enter(guestClaims("s1", null), "Ada", T0);
        out.clear();
        handle(advisor, new Command.Deny(null, guest, "Please call us instead"), T0.plusSeconds(4));
        assertThat(out.of(guest, Outbound.Denied.class)).extracting(Outbound.Denied::reason)
                .containsExactly("Please call us instead");
        assertThat(out.effects(Effect.Close.class)).containsExactly(
                new Effect.Close(guest, CloseCodes.DENIED, "Please call us instead"));
        assertThat(out.of(advisor, Outbound.LobbyLeft.class)).extracting(Outbound.LobbyLeft::outcome)
                .containsExactly("denied");
        assertThat(live.counts().waitingInLobby()).isZero();
    }

    @Test
    void guestsKeepWaitingWithoutPresentersUntilTheLobbyTimesOut() {
        LiveMeeting empty = new LiveMeeting(meeting, LiveSettings.DEFAULT.withLobbyTimeout(Duration.ofMinutes(15)), 0,
                List.of(), LiveFixtures.ids());
        String guest = empty.enter(entrant(guestClaims("s1", null), meeting, "Ada"), null, T0).orElseThrow().id();
        out.take(empty);
        empty.tick(T0.plus(Duration.ofMinutes(14)));
        out.clear();
        out.take(empty);
        assertThat(out.inbox).isEmpty();
        assertThat(empty.counts().waitingInLobby()).isEqualTo(1);

        empty.tick(T0.plus(Duration.ofMinutes(15)));
        out.take(empty);
        assertThat(out.of(guest, Outbound.Denied.class)).extracting(Outbound.Denied::reason)
                .containsExactly("lobby_timeout");
        assertThat(out.effects(Effect.Close.class)).extracting(Effect.Close::code).containsExactly(CloseCodes.DENIED);
    }

    @Test
    void chatIsSequencedDeliveredToAllAndAcknowledgedOnce() {
        String guest = enterAdmitted(staffClaims("nurse", "attendee"), "Nia", T0);
        out.clear();
        handle(guest, new Command.SendChat("r1", "c1", "hi all"), T0.plusSeconds(1));
        Outbound.Chat chat = out.of(advisor, Outbound.Chat.class).get(0);
        assertThat(chat.line().senderId()).isEqualTo(guest);
        assertThat(chat.line().senderName()).isEqualTo("Nia");
        assertThat(out.of(guest)).hasExactlyElementsOfTypes(Outbound.Chat.class, Outbound.ChatAck.class);
        assertThat(out.effects(Effect.Persist.class)).hasSize(1);

        out.clear();
        handle(guest, new Command.SendChat("r2", "c1", "hi all"), T0.plusSeconds(2));
        assertThat(out.of(advisor)).isEmpty();
        assertThat(out.of(guest, Outbound.ChatAck.class)).extracting(Outbound.ChatAck::seq)
                .containsExactly(chat.seq());
        assertThat(out.effects(Effect.Persist.class)).isEmpty();
    }

    @Test
    void chatFloodIsRateLimitedAndBadTextRefused() {
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            live.handle(advisor, new Command.SendChat(null, "c" + i, "spam " + i), T0.plusMillis(i));
        }
        out.take(live);
        limited = (int) out.of(advisor, Outbound.Error.class).stream().filter(e -> e.code().equals("rate_limited"))
                .count();
        assertThat(limited).isEqualTo(20);
        handle(advisor, new Command.SendChat(null, "blank", "   "), T0.plusSeconds(60));
        handle(advisor, new Command.SendChat(null, "long", "x".repeat(4001)), T0.plusSeconds(61));
        assertThat(out.of(advisor, Outbound.Error.class)).filteredOn(e -> e.code().equals("invalid_field"))
                .hasSize(2);
    }

    @Test
    void guestsCannotModerateAndNothingChanges() {
        String guest = enter(guestClaims("s1", null), "Ada", T0);
        handle(advisor, new Command.Admit(null, guest), T0);
        String other = enter(guestClaims("s2", null), "Bob", T0);
        out.clear();
        for (Command c : List.of(new Command.Admit("1", other), new Command.AdmitAll("2"),
                new Command.Deny("3", other, null), new Command.Remove("4", advisor, null),
                new Command.SetRole("5", guest, Role.PRESENTER), new Command.RequestMute("6", advisor),
                new Command.EndMeeting("7", null))) {
            handle(guest, c, T0.plusSeconds(1));
        }
        assertThat(out.of(guest, Outbound.Error.class)).extracting(Outbound.Error::code).containsOnly("forbidden")
                .hasSize(7);
        assertThat(out.of(advisor)).isEmpty();
        assertThat(live.isEnded()).isFalse();
        assertThat(live.counts()).isEqualTo(new LiveMeeting.LiveCounts(2, 1));
    }

    @Test
    void removedParticipantLosesItsTokenAndConnection() {
        String guest = enter(guestClaims("s1", null), "Ada", T0);
        handle(advisor, new Command.Admit(null, guest), T0);
        out.clear();
        handle(advisor, new Command.Remove(null, guest, "rude"), T0.plusSeconds(1));
        assertThat(out.effects(Effect.RevokeToken.class)).hasSize(1);
        assertThat(out.effects(Effect.Close.class)).containsExactly(new Effect.Close(guest, CloseCodes.REMOVED, "removed"));
        assertThat(out.of(advisor, Outbound.ParticipantLeft.class)).extracting(Outbound.ParticipantLeft::reason)
                .containsExactly("removed");
        assertThat(live.participant(guest)).isEmpty();
    }

    @Test
    void aNewJoinForTheSameSessionTakesOverTheParticipant() {
        String first = enter(guestClaims("visit-9", "app_0000000000000000"), "Ada", T0);
        handle(advisor, new Command.Admit(null, first), T0);
        out.clear();
        String second = enter(guestClaims("visit-9", "app_0000000000000000"), "Ada", T0.plusSeconds(5));
        assertThat(second).isEqualTo(first);
        assertThat(out.of(second)).hasExactlyElementsOfTypes(Outbound.Joined.class, Outbound.Snapshot.class);
        assertThat(out.of(advisor)).isEmpty();
        assertThat(live.counts()).isEqualTo(new LiveMeeting.LiveCounts(2, 0));
    }

    @Test
    void aSessionThatWasRemovedJoinsAgainAsSomeoneNewWhomItsNextJoinTakesOver() {
        String first = enterAdmitted(guestClaims("visit-11", "app_0000000000000000"), "Ada", T0);
        handle(advisor, new Command.Remove(null, first, "wrong room"), T0.plusSeconds(1));

        String second = enter(guestClaims("visit-11", "app_0000000000000000"), "Ada", T0.plusSeconds(2));
        String third = enter(guestClaims("visit-11", "app_0000000000000000"), "Ada", T0.plusSeconds(3));

        assertThat(second).isNotEqualTo(first);
        assertThat(third).isEqualTo(second);
        assertThat(live.participant(first)).isEmpty();
        assertThat(live.counts()).isEqualTo(new LiveMeeting.LiveCounts(1, 1));
    }

    @Test
    void aWaitingGuestThatTakesOverKeepsWaitingAndIsToldUntilWhen() {
        String first = enter(guestClaims("visit-10", "app_0000000000000000"), "Ada", T0);
        out.clear();
        String second = enter(guestClaims("visit-10", "app_0000000000000000"), "Ada", T0.plusSeconds(5));
        assertThat(second).isEqualTo(first);
        assertThat(out.of(second)).hasExactlyElementsOfTypes(Outbound.Joined.class, Outbound.LobbyWaiting.class);
        Outbound.LobbyWaiting waiting = out.of(second, Outbound.LobbyWaiting.class).get(0);
        assertThat(waiting.since()).isEqualTo(T0);
        assertThat(waiting.timeoutAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(out.of(advisor)).isEmpty();
        assertThat(live.counts()).isEqualTo(new LiveMeeting.LiveCounts(1, 1));
    }

    @Test
    void resumeReplaysExactlyTheMissedEventsInOrder() {
        String guest = enterAdmitted(staffClaims("nurse", "attendee"), "Nia", T0);
        String token = out.of(guest, Outbound.Joined.class).get(0).resumeToken();
        long lastSeq = out.of(guest, Outbound.Snapshot.class).get(0).seq();
        live.disconnected(guest, T0.plusSeconds(1));
        handle(advisor, new Command.SendChat(null, "a", "one"), T0.plusSeconds(2));
        handle(advisor, new Command.SendChat(null, "b", "two"), T0.plusSeconds(3));
        live.tick(T0.plusSeconds(20));
        out.clear();

        assertThat(live.resume(token, lastSeq, "r", T0.plusSeconds(25))).map(Participant::id).contains(guest);
        out.take(live);
        assertThat(out.of(guest)).hasExactlyElementsOfTypes(Outbound.Joined.class, Outbound.Chat.class,
                Outbound.Chat.class);
        assertThat(out.of(guest, Outbound.Chat.class)).extracting(c -> c.line().text()).containsExactly("one", "two");
        assertThat(out.of(advisor)).as("no left/joined flap").isEmpty();
        String newToken = out.of(guest, Outbound.Joined.class).get(0).resumeToken();
        assertThat(live.resume(token, 0, null, T0.plusSeconds(26))).as("old resume token is spent").isEmpty();
        assertThat(newToken).isNotEqualTo(token);
    }

    @Test
    void afterTheGracePeriodTheParticipantIsGoneAndCannotResume() {
        String guest = enterAdmitted(staffClaims("nurse", "attendee"), "Nia", T0);
        String token = out.of(guest, Outbound.Joined.class).get(0).resumeToken();
        live.disconnected(guest, T0);
        out.clear();
        live.tick(T0.plusSeconds(30));
        out.take(live);
        assertThat(out.of(advisor, Outbound.ParticipantLeft.class)).extracting(Outbound.ParticipantLeft::reason)
                .containsExactly("timeout");
        assertThat(live.resume(token, 0, null, T0.plusSeconds(31))).isEmpty();
    }

    @Test
    void aResumeFromBeforeTheHeldEventsGetsASnapshot() {
        LiveMeeting small = new LiveMeeting(meeting, new LiveSettings(Duration.ofMinutes(15), Duration.ofSeconds(30),
                10, 50, 4, 1000, 1000, 1000, 1000, 8), 0, List.of(), LiveFixtures.ids());
        String a = small.enter(entrant(staffClaims("a", "presenter"), meeting, "A"), null, T0).orElseThrow().id();
        String b = small.enter(entrant(staffClaims("b", "presenter"), meeting, "B"), null, T0).orElseThrow().id();
        out.take(small);
        String token = out.of(b, Outbound.Joined.class).get(0).resumeToken();
        small.disconnected(b, T0);
        for (int i = 0; i < 10; i++) {
            small.handle(a, new Command.SendChat(null, "c" + i, "line " + i), T0.plusMillis(i));
        }
        small.drainEffects();
        out.clear();
        small.resume(token, 2, null, T0.plusSeconds(5));
        out.take(small);
        assertThat(out.of(b)).hasExactlyElementsOfTypes(Outbound.Joined.class, Outbound.Snapshot.class);
        assertThat(((Outbound.Snapshot) out.of(b).get(1)).chat()).hasSize(10);
    }

    @Test
    void endingTellsEveryoneIncludingTheLobbyAndClosesAll() {
        String guest = enter(guestClaims("s1", null), "Ada", T0);
        out.clear();
        handle(advisor, new Command.EndMeeting(null, "closing time"), T0.plusSeconds(1));
        assertThat(out.of(guest, Outbound.Ended.class)).extracting(Outbound.Ended::reason)
                .containsExactly("closing time");
        assertThat(out.of(advisor, Outbound.Ended.class)).hasSize(1);
        assertThat(out.effects(Effect.Close.class)).extracting(Effect.Close::code)
                .containsOnly(CloseCodes.MEETING_ENDED).hasSize(2);
        assertThat(out.effects(Effect.MeetingEnded.class)).hasSize(1);
        assertThat(live.isEnded()).isTrue();
        assertThat(live.enter(entrant(guestClaims("late", null), meeting, "Late"), null, T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void theMeetingEndsAtItsExpiration() {
        live.tick(meeting.expirationTime());
        out.take(live);
        assertThat(out.of(advisor, Outbound.Ended.class)).extracting(Outbound.Ended::reason).containsExactly("expired");
    }

    @Test
    void everyRecipientSeesStrictlyIncreasingSequenceNumbers() {
        String a = enterAdmitted(staffClaims("a", "attendee"), "A", T0);
        String g = enter(guestClaims("g", null), "G", T0);
        handle(advisor, new Command.Admit(null, g), T0);
        for (int i = 0; i < 20; i++) {
            String who = i % 3 == 0 ? advisor : i % 3 == 1 ? a : g;
            handle(who, new Command.SendChat(null, "m" + i, "text " + i), T0.plusSeconds(i));
            handle(who, new Command.UpdateMedia(null, i % 2 == 0, null, null), T0.plusSeconds(i));
        }
        for (String p : List.of(advisor, a, g)) {
            List<Long> seqs = out.of(p).stream().filter(m -> m instanceof Outbound.Sequenced
                    && !(m instanceof Outbound.Snapshot)).map(m -> ((Outbound.Sequenced) m).seq()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void signalingGoesOnlyToTheAddressedAdmittedParticipant() {
        String a = enterAdmitted(staffClaims("a", "attendee"), "A", T0);
        String g = enter(guestClaims("g", null), "G", T0);
        out.clear();
        handle(advisor, new Command.Signal(null, a, Command.SignalKind.offer, "{\"sdp\":\"x\"}"), T0);
        handle(advisor, new Command.Signal("s2", g, Command.SignalKind.offer, "{}"), T0);
        assertThat(out.of(a, Outbound.Signal.class)).extracting(Outbound.Signal::from).containsExactly(advisor);
        assertThat(out.of(g)).isEmpty();
        assertThat(out.of(advisor, Outbound.Error.class)).extracting(Outbound.Error::code)
                .containsExactly("unknown_participant");
    }

    @Test
    void promotionGivesTheLobbyListAndDemotionReturnsAGuestToGuest() {
        String g = enter(guestClaims("g", null), "G", T0);
        handle(advisor, new Command.Admit(null, g), T0);
        String w = enter(guestClaims("w", null), "W", T0);
        out.clear();
        handle(advisor, new Command.SetRole(null, g, Role.PRESENTER), T0);
        Outbound.Snapshot s = out.of(g, Outbound.Snapshot.class).get(0);
        assertThat(s.lobby()).extracting(ParticipantView::participantId).containsExactly(w);
        handle(g, new Command.Admit(null, w), T0);
        assertThat(live.counts().waitingInLobby()).isZero();
        handle(advisor, new Command.SetRole(null, g, Role.ATTENDEE), T0);
        assertThat(live.participant(g).orElseThrow().role()).isEqualTo(Role.GUEST);
    }

    @Test
    void signalingIsRefusedWhileTheMeetingIsLargerThanTheMesh() {
        live = new LiveMeeting(meeting, LiveSettings.DEFAULT.withMeshLimit(2), 0, List.of(), LiveFixtures.ids());
        out.clear();
        String a = enter(staffClaims("a", "presenter"), "A", T0);
        String b = enter(staffClaims("b", "presenter"), "B", T0);
        handle(a, new Command.Signal("s1", b, Command.SignalKind.offer, "{\"sdp\":\"v=0\"}"), T0);
        assertThat(out.of(b, Outbound.Signal.class)).hasSize(1);

        String c = enter(staffClaims("c", "presenter"), "C", T0);
        handle(a, new Command.Signal("s2", b, Command.SignalKind.offer, "{}"), T0);
        assertThat(out.of(b, Outbound.Signal.class)).hasSize(1);
        assertThat(out.of(a, Outbound.Error.class)).extracting(Outbound.Error::re, Outbound.Error::code)
                .containsExactly(org.assertj.core.api.Assertions.tuple("s2", "mesh_limit_reached"));
        handle(a, new Command.SendChat(null, "c1", "chat still works"), T0);
        assertThat(out.of(c, Outbound.Chat.class)).hasSize(1);

        handle(c, new Command.Leave(null), T0.plusSeconds(1));
        handle(a, new Command.Signal("s3", b, Command.SignalKind.offer, "{}"), T0.plusSeconds(1));
        assertThat(out.of(b, Outbound.Signal.class)).hasSize(2);
    }

    @Test
    void joinedCarriesTurnCredentialsNamedForTheParticipantThatExpireWithItsToken() {
        dev.foyer.server.discovery.IceServers ice = new dev.foyer.server.discovery.IceServers(
                List.of("stun:127.0.0.1:3478"), List.of("turn:127.0.0.1:3478"), "s3cret", Duration.ofHours(8));
        live = new LiveMeeting(meeting, LiveSettings.DEFAULT, 0, List.of(), LiveFixtures.ids(), ice);
        out.clear();
        JoinClaims claims = staffClaims("a", "presenter");
        String a = enter(claims, "A", T0);
        Outbound.Joined joined = out.of(a, Outbound.Joined.class).get(0);
        assertThat(joined.iceServers()).hasSize(2);
        assertThat(joined.iceServers().get(0).username()).isNull();
        dev.foyer.server.discovery.IceServer turn = joined.iceServers().get(1);
        String expectedUser = claims.expiresAt().getEpochSecond() + ":" + a;
        assertThat(turn.username()).isEqualTo(expectedUser);
        assertThat(turn.credential()).isEqualTo(dev.foyer.server.discovery.TurnCredentials
                .create("s3cret", a, claims.expiresAt()).credential());
        assertThat(joined.toString()).doesNotContain(turn.credential());
    }
}
