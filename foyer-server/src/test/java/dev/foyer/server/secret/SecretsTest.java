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

    @Test
    void randomBase32HasTheLengthAskedAndEverySymbolEquallyOften() {
        for (int length : new int[] {1, 7, 13, 16, 20}) {
            String id = Secrets.randomBase32(length);
            assertThat(id).hasSize(length);
            assertThat(Secrets.isBase32(id)).isTrue();
        }
        // 64,000 characters of ids 13 long (65 of 72 bits drawn, the last byte's rest unused): each
        // of the 32 symbols ~2,000 times, and each of a character's 5 bits set in about half of
        // the ~4,900 ids at every position. A symbol that cannot come up fails, and so does a bit
        // that sticks at 0 or 1 in one position (set in none, or all, of its ids).
        int[][] counts = new int[13][32];
        int[] total = new int[32];
        for (int i = 0; i < 64_000 / 13 + 1; i++) {
            String id = Secrets.randomBase32(13);
            for (int pos = 0; pos < 13; pos++) {
                int symbol = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(id.charAt(pos));
                counts[pos][symbol]++;
                total[symbol]++;
            }
        }
        for (int symbol = 0; symbol < 32; symbol++) {
            assertThat(total[symbol]).as("symbol %d", symbol).isBetween(1_700, 2_300);
        }
        for (int pos = 0; pos < 13; pos++) {
            for (int bit = 0; bit < 5; bit++) {
                int ones = 0;
                for (int symbol = 0; symbol < 32; symbol++) {
                    if ((symbol >> bit & 1) == 1) {
                        ones += counts[pos][symbol];
                    }
                }
                assertThat(ones).as("position %d, bit %d set", pos, bit).isBetween(2_100, 2_850);
            }
        }
    }
}
