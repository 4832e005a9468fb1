package dev.foyer.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A participant's view is one instance until something it shows changes, then a new one. */
class ParticipantViewTest {
    private static final Instant AT = Instant.parse("2026-11-29T17:30:00Z");

    private final Participant p = new Participant("p_1", "app:visitor-1", true, "jti-1", "Ada", Role.GUEST, AT,
            LiveSettings.DEFAULT);

    @Test
    void theSameViewUntilAShownFieldChanges() {
        ParticipantView first = p.view();
        p.jti("jti-2");
        p.resumeTokenHash("h");
        p.disconnectedAt(AT);
        assertThat(p.view()).as("fields the view does not show").isSameAs(first);
        assertThat(p.media(true, null, null)).isFalse();
        assertThat(p.view()).as("media unchanged").isSameAs(first);

        assertThat(p.media(false, null, null)).isTrue();
        ParticipantView unmuted = p.view();
        assertThat(unmuted).isNotSameAs(first);
        assertThat(unmuted.audioMuted()).isFalse();

        p.waitInLobby(AT, AT.plusSeconds(900), null);
        assertThat(p.view().waitingSince()).isEqualTo(AT);
        p.admit(7);
        assertThat(p.view().waitingSince()).isNull();
        p.role(Role.PRESENTER);
        assertThat(p.view().role()).isEqualTo(Role.PRESENTER);
        p.displayName("Ada L.");
        assertThat(p.view().displayName()).isEqualTo("Ada L.");
        assertThat(p.view()).isSameAs(p.view());
    }
}
