package dev.foyer.server.store.jdbc;

import static dev.foyer.server.store.jdbc.StoreFixtures.adHocMeeting;
import static dev.foyer.server.store.jdbc.StoreFixtures.application;
import static dev.foyer.server.store.jdbc.StoreFixtures.now;
import static dev.foyer.server.store.jdbc.StoreFixtures.organizerOf;
import static dev.foyer.server.store.jdbc.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.server.app.Application;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.token.IssuedToken;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@link CachingIssuedTokenStore} answers from memory and what it asks the database for. A
 * row deleted behind the store's back tells the two apart: a token still found was remembered,
 * a token no longer found was looked up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachingIssuedTokenStoreTest {
    private final SecondConnection db = new SecondConnection();
    private final JdbcStores stores = db.stores();

    @AfterAll
    void close() {
        db.close();
    }

    private IssuedTokenStore tokens() {
        return stores.issuedTokens();
    }

    private void deleteRow(IssuedToken token) throws SQLException {
        assertThat(db.update("DELETE FROM issued_tokens WHERE jti = ?", token.jti())).as("rows deleted").isEqualTo(1);
    }

    @Test
    void aTokenJustRecordedIsFoundWithoutAQuery() throws Exception {
        IssuedToken one = token(MeetingId.random());
        IssuedToken many = token(MeetingId.random());
        tokens().insert(one);
        tokens().insertAll(List.of(many));
        deleteRow(one);
        deleteRow(many);

        assertThat(tokens().find(one.jti())).contains(one);
        assertThat(tokens().find(many.jti())).contains(many);
    }

    @Test
    void aTokenRecordedInATransactionIsNotRemembered() throws Exception {
        IssuedToken kept = token(MeetingId.random());
        stores.inTransaction(() -> tokens().insert(kept));
        IssuedToken rolledBack = token(MeetingId.random());
        assertThatThrownBy(() -> stores.inTransaction(() -> {
            tokens().insert(rolledBack);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(tokens().find(rolledBack.jti())).isEmpty();
        assertThat(tokens().find(kept.jti())).contains(kept);
        deleteRow(kept);
        assertThat(tokens().find(kept.jti())).as("read from the database, not remembered").isEmpty();
    }

    @Test
    void aTokenUsedOrRevokedThroughTheStoreIsLookedUpAfterwards() throws Exception {
        IssuedToken consumed = token(MeetingId.random());
        IssuedToken consumedInABatch = token(MeetingId.random());
        IssuedToken revoked = token(MeetingId.random());
        IssuedToken revokedWithItsMeeting = token(MeetingId.random());
        IssuedToken ofAnotherMeeting = token(MeetingId.random());
        tokens().insertAll(List.of(consumed, consumedInABatch, revoked, revokedWithItsMeeting, ofAnotherMeeting));

        assertThat(tokens().consume(consumed.jti(), now())).isTrue();
        assertThat(tokens().consumeRecorded(List.of(new IssuedTokenStore.Presented(consumedInABatch.jti(),
                consumedInABatch.tokenDigest())), now())).containsExactly(true);
        assertThat(tokens().revoke(revoked.jti(), now())).isTrue();
        assertThat(tokens().revokeAllForMeeting(revokedWithItsMeeting.meetingId(), now())).isEqualTo(1);

        assertThat(tokens().find(consumed.jti()).orElseThrow().consumedAt()).isNotNull();
        assertThat(tokens().find(consumedInABatch.jti()).orElseThrow().consumedAt()).isNotNull();
        assertThat(tokens().find(revoked.jti()).orElseThrow().revokedAt()).isNotNull();
        assertThat(tokens().find(revokedWithItsMeeting.jti()).orElseThrow().revokedAt()).isNotNull();
        deleteRow(ofAnotherMeeting);
        assertThat(tokens().find(ofAnotherMeeting.jti())).as("another meeting's, still remembered")
                .contains(ofAnotherMeeting);
    }

    @Test
    void tokensGoneWithTheirMeetingApplicationOrExpiryAreNotFound() {
        Application app = application();
        stores.applications().insert(app);
        Meeting deletedMeeting = adHocMeeting(organizerOf(app), now());
        Meeting meetingOfDeletedApp = adHocMeeting(organizerOf(app), now());
        stores.meetings().insert(deletedMeeting);
        stores.meetings().insert(meetingOfDeletedApp);
        IssuedToken ofDeletedMeeting = token(deletedMeeting.id());
        IssuedToken linkTokenOfDeletedApp = token(meetingOfDeletedApp.id()); // minted for a link: no app id
        IssuedToken expired = token(MeetingId.random(), null, now().minus(Duration.ofDays(400)));
        tokens().insertAll(List.of(ofDeletedMeeting, linkTokenOfDeletedApp, expired));

        stores.meetings().delete(deletedMeeting.id());
        assertThat(tokens().find(ofDeletedMeeting.jti())).isEmpty();
        assertThat(tokens().find(linkTokenOfDeletedApp.jti())).contains(linkTokenOfDeletedApp);

        assertThat(tokens().deleteExpired(now().minus(Duration.ofDays(365)))).isEqualTo(1);
        assertThat(tokens().find(expired.jti())).isEmpty();
        assertThat(tokens().find(linkTokenOfDeletedApp.jti())).contains(linkTokenOfDeletedApp);

        stores.applications().delete(app.id());
        assertThat(tokens().find(linkTokenOfDeletedApp.jti())).isEmpty();
    }
}
