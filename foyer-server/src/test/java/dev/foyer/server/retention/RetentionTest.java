package dev.foyer.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.foyer.server.app.AppId;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.jdbc.JdbcStores;
import dev.foyer.server.testing.TestDatabases;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.TokenDigest;
import dev.foyer.server.token.TokenKind;
import dev.foyer.server.webhook.DeliveryStatus;
import dev.foyer.server.webhook.EventType;
import dev.foyer.server.webhook.WebhookEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a retention pass deletes and keeps, on a real embedded database. */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private TestDatabase database;
    private JdbcStores stores;

    @BeforeEach
    void open() {
        database = TestDatabases.temporaryH2();
        stores = JdbcStores.open(database.config());
    }

    @AfterEach
    void close() {
        stores.close();
        database.close();
    }

    @Test
    void aPassDeletesTokenRecordsPastTheirRetentionAndFinishedEventsPastTheirs() {
        IssuedToken longExpired = token(NOW.minus(Duration.ofDays(8)));
        IssuedToken recentlyExpired = token(NOW.minus(Duration.ofDays(6)));
        IssuedToken live = token(NOW.plus(Duration.ofHours(1)));
        stores.issuedTokens().insertAll(List.of(longExpired, recentlyExpired, live));
        WebhookEvent oldDelivered = event(NOW.minus(Duration.ofDays(8)));
        WebhookEvent oldPending = event(NOW.minus(Duration.ofDays(8)));
        WebhookEvent recentDelivered = event(NOW.minus(Duration.ofDays(1)));
        stores.webhooks().insert(List.of(oldDelivered, oldPending, recentDelivered));
        for (WebhookEvent e : List.of(oldDelivered, recentDelivered)) {
            stores.webhooks().recordAttempt(e.id(), DeliveryStatus.DELIVERED, 1, e.createdAt(), null, 204,
                    e.createdAt());
        }
        Retention retention = new Retention(stores, Clock.fixed(NOW, ZoneOffset.UTC), WEEK, WEEK);

        assertThat(retention.pruneNow()).isEqualTo(new Retention.Pruned(1, 1));

        assertThat(stores.issuedTokens().find(longExpired.jti())).isEmpty();
        assertThat(stores.issuedTokens().find(recentlyExpired.jti())).isPresent();
        assertThat(stores.issuedTokens().find(live.jti())).isPresent();
        assertThat(stores.webhooks().find(oldDelivered.appId(), oldDelivered.id())).isEmpty();
        assertThat(stores.webhooks().find(oldPending.appId(), oldPending.id())).isPresent();
        assertThat(stores.webhooks().find(recentDelivered.appId(), recentDelivered.id())).isPresent();
        assertThat(retention.pruneNow()).isEqualTo(new Retention.Pruned(0, 0));
    }

    @Test
    void aZeroTokenRetentionDeletesARecordOnceItsTokenExpired() {
        IssuedToken expired = token(NOW.minusMillis(1));
        IssuedToken live = token(NOW.plusSeconds(1));
        stores.issuedTokens().insertAll(List.of(expired, live));

        new Retention(stores, Clock.fixed(NOW, ZoneOffset.UTC), WEEK, Duration.ZERO).pruneNow();

        assertThat(stores.issuedTokens().find(expired.jti())).isEmpty();
        assertThat(stores.issuedTokens().find(live.jti())).isPresent();
    }

    @Test
    void startingRunsAPassAtOnce() {
        IssuedToken longExpired = token(Instant.now().minus(Duration.ofDays(30)));
        stores.issuedTokens().insert(longExpired);

        try (Retention retention = new Retention(stores, Clock.systemUTC(), WEEK, WEEK).start()) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stores.issuedTokens().find(longExpired.jti()).isEmpty());
        }
    }

    @Test
    void aNegativeRetentionIsRefused() {
        assertThatThrownBy(() -> new Retention(stores, Clock.systemUTC(), WEEK, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenRetention must not be negative");
    }

    private static IssuedToken token(Instant expiresAt) {
        return new IssuedToken(unique("jti-"), TokenKind.GUEST, MeetingId.random(), null, unique("guest:"),
                expiresAt.minus(Duration.ofHours(1)), expiresAt, null, null, TokenDigest.of(unique("token-")));
    }

    private static WebhookEvent event(Instant at) {
        return WebhookEvent.newEvent(unique("evt_"), AppId.random(), MeetingId.random(), EventType.MEETING_CREATED,
                0, "{}", at, DeliveryStatus.PENDING);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID();
    }
}
