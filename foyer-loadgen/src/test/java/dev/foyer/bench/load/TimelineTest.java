package dev.foyer.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(rows).extracting(r -> r.get("joined")).containsExactly(2, 1, 1);
        assertThat(rows.get(0)).containsEntry("p50", 10.0).containsEntry("p99", 30.0).containsEntry("max", 30.0);
        assertThat(rows.get(1)).as("the slow join stands out in its second").containsEntry("p99", 200.0);
        assertThat(rows.get(2)).containsEntry("max", 5.0);
    }

    @Test
    void aSecondWithNoJoinReadsZero() {
        Timeline timeline = new Timeline(3, 1);
        timeline.record(0, ms(1));

        Map<String, Object> second = timeline.rows().get(2);

        assertThat(second).containsEntry("arrivals", 1).containsEntry("joined", 0).containsEntry("p99", 0.0);
    }

    @Test
    void percentilesAreNearestRank() {
        Timeline timeline = new Timeline(200, 1000);
        for (int i = 0; i < 200; i++) {
            timeline.record(i, ms(i + 1)); // 1 to 200 ms
        }

        assertThat(timeline.rows().get(0)).containsEntry("p50", 100.0).containsEntry("p99", 198.0)
                .containsEntry("max", 200.0);
    }

    @Test
    void aLongSlowStepKeepsOnlyItsArrivals() {
        Timeline timeline = new Timeline(3_600, 1); // an hour at one join a second: 3,600 rows, 8 bytes each
        assertThat(timeline.rows()).hasSize(3_600).allSatisfy(r -> assertThat(r).containsEntry("arrivals", 1));
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
