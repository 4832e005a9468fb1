package dev.foyer.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonObjectTest {
    @Test
    void instantsTheServerWritesAreReadExactlyAsInstantParseReadsThem() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong() % 253_402_300_799L; // years 0000 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(Math.abs(seconds), nanos);
            String text = t.toString();
            assertThat(JsonObject.canonicalInstant(text)).as(text).isEqualTo(t).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherFormsFallBackToInstantParseOrNull() {
        assertThat(instant("2026-11-28T17:21:37.466Z")).isEqualTo(Instant.parse("2026-11-28T17:21:37.466Z"));
        assertThat(instant("2026-11-28T17:21:37+01:00")).isEqualTo(Instant.parse("2026-11-28T16:21:37Z"));
        assertThat(JsonObject.canonicalInstant("2026-11-28T17:21:37+01:00")).isNull();
        assertThat(instant("2026-02-29T00:00:00Z")).isNull(); // not a leap year
        assertThat(instant("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(instant("2026-13-01T00:00:00Z")).isNull();
        assertThat(JsonObject.canonicalInstant("2026-11-28T24:00:00Z")).isNull(); // Instant.parse decides
        assertThat(JsonObject.canonicalInstant("2026-11-28T17:21:37.Z")).isNull(); // Instant.parse decides
        assertThat(instant("2026-11-28T17:21:37.1234567890Z")).isNull();
        assertThat(instant("2026-1x-28T17:21:37Z")).isNull();
        assertThat(instant("yesterday")).isNull();
        assertThat(instant("")).isNull();
    }

    private static Instant instant(String value) {
        return new JsonObject(Map.of("t", value)).instant("t");
    }
}
