package dev.foyer.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemorySeenEventStoreTest {
    private static final Instant T0 = Instant.parse("2025-05-01T09:00:00Z");

    @Test
    void idIsSeenUntilItExpires() {
        InMemorySeenEventStore store = new InMemorySeenEventStore();

        assertThat(store.markSeen("a", T0, T0.plusSeconds(300))).isTrue();
        assertThat(store.markSeen("a", T0.plusSeconds(299), T0.plusSeconds(599))).isFalse();
        assertThat(store.markSeen("a", T0.plusSeconds(300), T0.plusSeconds(600))).isTrue();
    }

    @Test
    void expiredIdsAreDropped() {
        InMemorySeenEventStore store = new InMemorySeenEventStore();
        store.markSeen("a", T0, T0.plusSeconds(10));
        store.markSeen("b", T0, T0.plusSeconds(20));

        store.markSeen("c", T0.plusSeconds(15), T0.plusSeconds(315));

        assertThat(store.size()).isEqualTo(2); // a dropped
    }

    @Test
    void oldestIdIsEvictedPastTheBound() {
        InMemorySeenEventStore store = new InMemorySeenEventStore(2);
        store.markSeen("a", T0, T0.plusSeconds(300));
        store.markSeen("b", T0, T0.plusSeconds(300));
        store.markSeen("c", T0, T0.plusSeconds(300));

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.markSeen("b", T0, T0.plusSeconds(300))).isFalse();
        assertThat(store.markSeen("a", T0, T0.plusSeconds(300))).isTrue();
    }
}
