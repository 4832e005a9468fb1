package dev.foyer.server.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void timeOrderedIdsSortByTheirMillisecondAndDoNotRepeat() {
        Instant t0 = Instant.parse("2026-11-29T05:00:00.000Z");
        List<String> ids = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (int ms = 0; ms < 2_000; ms += 7) {
            for (int i = 0; i < 5; i++) {
                String id = Secrets.timeOrderedBase32(t0.plusMillis(ms));
                ids.add(id);
                distinct.add(id);
            }
        }
        assertThat(distinct).hasSameSizeAs(ids);
        for (int i = 1; i < ids.size(); i++) {
            String previous = ids.get(i - 1).substring(0, 10);
            String current = ids.get(i).substring(0, 10);
            assertThat(current.compareTo(previous)).isGreaterThanOrEqualTo(0);
        }
        // Lower-cased, as event ids are, the order holds: digits sort before letters in both cases.
        assertThat(Secrets.timeOrderedBase32(t0.plusSeconds(1)).toLowerCase())
                .isGreaterThan(Secrets.timeOrderedBase32(t0).toLowerCase());
    }

    @Test
    void aTimeOrderedIdIsTwentySixBase32CharactersWithTheTimeFirst() {
        String id = Secrets.timeOrderedBase32(Instant.ofEpochMilli(0));
        assertThat(id).hasSize(26).startsWith("0000000000");
        assertThat(Secrets.isBase32(id)).isTrue();
        // 2^50 - 1 milliseconds, the largest time the 10 characters hold (the year 37,648).
        assertThat(Secrets.timeOrderedBase32(Instant.ofEpochMilli((1L << 50) - 1))).startsWith("ZZZZZZZZZZ");
        assertThat(Secrets.timeOrderedBase32(Instant.ofEpochMilli(32))).startsWith("0000000010");
    }

    @Test
    void theRandomPartVaries() {
        Instant at = Instant.parse("2026-11-29T05:00:00Z");
        Set<String> tails = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            tails.add(Secrets.timeOrderedBase32(at).substring(10));
        }
        assertThat(tails).hasSize(1_000);
        // Every character of the alphabet shows up in the random part.
        Set<Character> seen = new HashSet<>();
        tails.forEach(t -> t.chars().forEach(c -> seen.add((char) c)));
        assertThat(seen).hasSize(32);
    }
}
