package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void joinsAreCountedInTheSecondTheyWereDue() {
        Timeline timeline = new Timeline(5, 2); // due at 0, 0.5, 1, 1.5 and 2 s
        timeline.record(0, ms(10));
        timeline.record(1, ms(30));
        timeline.record(2, ms(200));
        timeline.record(4, ms(5)); // arrival 3 never joined

        List<Map<String, Object>> rows = timeline.rows();

        assertThat(rows).extracting(r -> r.get("second")).containsExactly(0, 1, 2);
        assertThat(rows).extracting(r -> r.get("arrivals")).containsExactly(2, 2, 1);
        assertThat(rows).extracting(r -> r.get("joined")).containsExactly(2L, 1L, 1L);
        assertThat((double) rows.get(0).get("p50")).isCloseTo(10, withinPercentage(2));
        assertThat((double) rows.get(0).get("max")).isCloseTo(30, withinPercentage(2));
        assertThat((double) rows.get(1).get("p99")).as("the slow join stands out in its second")
                .isCloseTo(200, withinPercentage(2));
        assertThat((double) rows.get(2).get("max")).isCloseTo(5, withinPercentage(2));
    }

    @Test
    void aSecondWithNoJoinReadsZero() {
        Timeline timeline = new Timeline(3, 1);
        timeline.record(0, ms(1));

        Map<String, Object> second = timeline.rows().get(2);

        assertThat(second).containsEntry("arrivals", 1).containsEntry("joined", 0L).containsEntry("p99", 0.0);
    }

    @Test
    void aStepShorterThanASecondHasOneRow() {
        assertThat(new Timeline(500, 1000).rows()).singleElement().satisfies(r -> assertThat(r).containsEntry("arrivals", 500));
        assertThat(new Timeline(0, 1000).rows()).isEmpty();
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
