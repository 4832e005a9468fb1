package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicketsTest {
    private static final List<String> MEETINGS = List.of("a", "b", "c", "d", "e");

    @Test
    void allMeetingsFillTogetherByDefault() {
        assertThat(Tickets.fillingOrder(MEETINGS, 2, 0)).containsExactly("a", "b", "c", "d", "e", "a", "b", "c", "d", "e");
        assertThat(Tickets.fillingOrder(MEETINGS, 2, 9)).isEqualTo(Tickets.fillingOrder(MEETINGS, 2, 0));
    }

    @Test
    void aFewFillAtOnceThenTheNextFew() {
        assertThat(Tickets.fillingOrder(MEETINGS, 3, 2)).containsExactly(
                "a", "b", "a", "b", "a", "b",
                "c", "d", "c", "d", "c", "d",
                "e", "e", "e");
    }

    @Test
    void oneAtATimeFillsEachMeetingBeforeTheNext() {
        assertThat(Tickets.fillingOrder(List.of("a", "b"), 3, 1)).containsExactly("a", "a", "a", "b", "b", "b");
    }
}
