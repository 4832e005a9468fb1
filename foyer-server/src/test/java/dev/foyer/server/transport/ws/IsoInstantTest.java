package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-29T08:00:00Z", "2026-11-29T08:00:00.100Z", "2026-11-29T08:00:00.123456Z",
            "2026-11-29T08:00:00.000001Z", "2026-11-29T08:00:00.120000001Z", "2026-11-29T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.500Z", "2024-02-29T12:00:00Z", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z", "0999-03-04T05:06:07.089Z"})
    void writesWhatInstantToStringWrites(String text) {
        Instant t = Instant.parse(text);

        assertThat(IsoInstant.format(t)).isEqualTo(t.toString()).isEqualTo(text);
    }

    @Test
    void leavesYearsBeyondFourDigitsToInstantToString() {
        for (Instant t : new Instant[] {Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z")}) {
            assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void agreesWithInstantToStringOnAMillionRandomInstants() {
        SplittableRandom random = new SplittableRandom(29);
        for (int i = 0; i < 1_000_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
        }
    }
}
