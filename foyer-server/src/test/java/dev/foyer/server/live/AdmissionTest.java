package dev.foyer.server.live;

import static dev.foyer.server.live.LiveFixtures.guestClaims;
import static dev.foyer.server.live.LiveFixtures.meeting;
import static dev.foyer.server.live.LiveFixtures.organizerClaims;
import static dev.foyer.server.live.LiveFixtures.staffClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.AutomaticLeaderAssignment;
import dev.foyer.server.meeting.LobbyBypass;
import dev.foyer.server.meeting.Meeting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meeting policy matrix: who may enter, in which role, and who waits. */
class AdmissionTest {
    private static final String APP = "app_0000000000000000";

    private static Meeting policy(AccessLevel a, LobbyBypass b, AutomaticLeaderAssignment l) {
        return meeting(a, b, l, List.of("invited-1"), List.of("leader-1"));
    }

    @Test
    void byDefaultGuestsWaitAndPresentersDoNot() {
        Meeting m = policy(AccessLevel.Everyone, LobbyBypass.Leaders, AutomaticLeaderAssignment.Disabled);
        Admission.Decision guest = Admission.decide(guestClaims("s", null), m);
        assertThat(guest.role()).isEqualTo(Role.GUEST);
        assertThat(guest.guest()).isTrue();
        assertThat(guest.waitsInLobby()).isTrue();
        assertThat(guest.lobbyReason().code()).isEqualTo("lobby_policy");
        assertThat(Admission.decide(staffClaims("x", "presenter"), m).waitsInLobby()).isFalse();
        assertThat(Admission.decide(staffClaims("leader-1", "attendee"), m).role()).isEqualTo(Role.PRESENTER);
        assertThat(Admission.decide(staffClaims("x", "attendee"), m).waitsInLobby()).isTrue();
        assertThat(Admission.decide(organizerClaims(), m).role()).isEqualTo(Role.ORGANIZER);
    }

    @Test
    void lockedMeetingsAdmitOnlyLeaders() {
        Meeting m = policy(AccessLevel.Locked, LobbyBypass.Everyone, AutomaticLeaderAssignment.Disabled);
        assertThatThrownBy(() -> Admission.decide(guestClaims("s", APP), m))
                .isInstanceOfSatisfying(FoyerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEETING_LOCKED));
        assertThatThrownBy(() -> Admission.decide(staffClaims("invited-1", "attendee"), m))
                .isInstanceOf(FoyerException.class);
        assertThat(Admission.decide(staffClaims("leader-1", "attendee"), m).role()).isEqualTo(Role.PRESENTER);
        assertThat(Admission.decide(organizerClaims(), m).role()).isEqualTo(Role.ORGANIZER);
    }

    @Test
    void invitedMeetingsRefuseLinkGuestsButTakeApplicationGuests() {
        Meeting m = policy(AccessLevel.Invited, LobbyBypass.Invited, AutomaticLeaderAssignment.Disabled);
        assertThatThrownBy(() -> Admission.decide(guestClaims("s", null), m))
                .isInstanceOfSatisfying(FoyerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_INVITED));
        Admission.Decision appGuest = Admission.decide(guestClaims("s", APP), m);
        assertThat(appGuest.waitsInLobby()).isTrue();
        Admission.Decision invited = Admission.decide(staffClaims("invited-1", "attendee"), m);
        assertThat(invited.waitsInLobby()).isFalse();
        assertThat(invited.role()).isEqualTo(Role.ATTENDEE);
    }

    @Test
    void lobbyBypassEveryoneLetsGuestsStraightIn() {
        Meeting m = policy(AccessLevel.Everyone, LobbyBypass.Everyone, AutomaticLeaderAssignment.Disabled);
        assertThat(Admission.decide(guestClaims("s", null), m).waitsInLobby()).isFalse();
    }

    @Test
    void automaticLeaderAssignmentPromotesOnEntry() {
        Meeting everyone = policy(AccessLevel.Everyone, LobbyBypass.Leaders, AutomaticLeaderAssignment.Everyone);
        Admission.Decision guest = Admission.decide(guestClaims("s", null), everyone);
        assertThat(guest.role()).isEqualTo(Role.PRESENTER);
        assertThat(guest.guest()).as("still marked as a guest").isTrue();
        assertThat(guest.waitsInLobby()).as("the lobby still applies").isTrue();
        Meeting invited = policy(AccessLevel.Everyone, LobbyBypass.Leaders, AutomaticLeaderAssignment.Invited);
        assertThat(Admission.decide(staffClaims("x", "attendee"), invited).role()).isEqualTo(Role.PRESENTER);
        assertThat(Admission.decide(guestClaims("s", APP), invited).role()).isEqualTo(Role.GUEST);
    }
}
