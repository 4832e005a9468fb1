package dev.foyer.server.store.jdbc;

import static dev.foyer.server.store.jdbc.StoreFixtures.adHocMeeting;
import static dev.foyer.server.store.jdbc.StoreFixtures.application;
import static dev.foyer.server.store.jdbc.StoreFixtures.now;
import static dev.foyer.server.store.jdbc.StoreFixtures.organizerOf;
import static dev.foyer.server.store.jdbc.StoreFixtures.scheduledMeeting;
import static dev.foyer.server.store.jdbc.StoreFixtures.signingKey;
import static dev.foyer.server.store.jdbc.StoreFixtures.token;
import static dev.foyer.server.store.jdbc.StoreFixtures.unique;
import static dev.foyer.server.store.jdbc.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.server.app.AppId;
import dev.foyer.server.app.Application;
import dev.foyer.server.meeting.AccessLevel;
import dev.foyer.server.meeting.AutomaticLeaderAssignment;
import dev.foyer.server.meeting.LobbyBypass;
import dev.foyer.server.meeting.Meeting;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.meeting.MeetingPolicy;
import dev.foyer.server.meeting.Organizer;
import dev.foyer.server.store.DuplicateException;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.store.MeetingStore;
import dev.foyer.server.store.Stores;
import dev.foyer.server.testing.TestDatabases.TestDatabase;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.StoredSigningKey;
import dev.foyer.server.token.TokenDigest;
import dev.foyer.server.user.User;
import dev.foyer.server.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link Stores} implementation owes its callers. A subclass supplies an empty
 * database; the tests share it, each working on values no other test uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
    private TestDatabase database;
    private Stores stores;

    protected TestDatabase database() {
        return database;
    }

    /** An empty database for this class's tests. */
    protected abstract TestDatabase createDatabase() throws Exception;

    @BeforeAll
    void openStores() throws Exception {
        database = createDatabase();
        stores = JdbcStores.open(database.config());
    }

    @AfterAll
    void closeStores() {
        try {
            if (stores != null) {
                stores.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void reachableWhileOpenWithADescriptionFreeOfCredentials() {
        assertThat(stores.isReachable()).isTrue();
        assertThat(stores.describe()).isNotBlank().doesNotContain("password").doesNotContain("user=");
    }

    @Test
    void unreachableOnceClosed() {
        Stores closed = JdbcStores.open(database.config());
        closed.close();
        assertThat(closed.isReachable()).isFalse();
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsData() {
        Application application = application();
        stores.applications().insert(application);
        try (Stores second = JdbcStores.open(database.config())) {
            assertThat(second.applications().find(application.id())).contains(application);
        }
    }

    // Applications

    @Test
    void applicationRoundTripsByIdNameAndClientId() {
        Application application = application();
        stores.applications().insert(application);

        assertThat(stores.applications().find(application.id())).contains(application);
        assertThat(stores.applications().findByIdOrName(application.id().value())).contains(application);
        assertThat(stores.applications().findByIdOrName(application.name())).contains(application);
        assertThat(stores.applications().findByClientId(application.clientId())).contains(application);
    }

    @Test
    void applicationWithoutCallbackOrOriginsRoundTrips() {
        Application bare = new Application(AppId.random(), unique("Bare "), unique("client-"), "hash", List.of(),
                null, "whsec", now());
        stores.applications().insert(bare);
        assertThat(stores.applications().find(bare.id())).contains(bare);
    }

    @Test
    void unknownApplicationIsAbsent() {
        assertThat(stores.applications().find(AppId.random())).isEmpty();
        assertThat(stores.applications().findByIdOrName("nobody")).isEmpty();
        assertThat(stores.applications().findByClientId("nobody")).isEmpty();
    }

    @Test
    void takenApplicationNameOrClientIdIsDuplicate() {
        Application first = application();
        stores.applications().insert(first);
        Application sameName = new Application(AppId.random(), first.name(), unique("client-"), "h", List.of(),
                null, "w", now());
        Application sameClientId = new Application(AppId.random(), unique("Other "), first.clientId(), "h",
                List.of(), null, "w", now());

        assertThatThrownBy(() -> stores.applications().insert(sameName))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> stores.applications().insert(sameClientId))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("client id");
        assertThatThrownBy(() -> stores.applications().insert(first)).isInstanceOf(DuplicateException.class);
        assertThat(stores.applications().findByIdOrName(first.name())).contains(first);
    }

    @Test
    void applicationsAreListedOldestFirst() {
        Instant t = now().minus(Duration.ofDays(3650));
        Application newer = application(t.plusSeconds(1));
        Application older = application(t);
        stores.applications().insert(newer);
        stores.applications().insert(older);

        assertThat(only(stores.applications().list(), Application::id, List.of(older.id(), newer.id())))
                .containsExactly(older, newer);
    }

    @Test
    void clientSecretHashIsReplaced() {
        Application application = application();
        stores.applications().insert(application);

        assertThat(stores.applications().updateClientSecretHash(application.id(), "new-hash")).isTrue();
        assertThat(stores.applications().find(application.id())).contains(application.withClientSecretHash("new-hash"));
        assertThat(stores.applications().updateClientSecretHash(AppId.random(), "x")).isFalse();
    }

    @Test
    void deletingAnApplicationDeletesItsMeetingsAndTheirTokens() {
        Application doomed = application();
        Application bystander = application();
        stores.applications().insert(doomed);
        stores.applications().insert(bystander);
        Meeting doomedMeeting = adHocMeeting(organizerOf(doomed), now());
        Meeting otherMeeting = adHocMeeting(organizerOf(bystander), now());
        stores.meetings().insert(doomedMeeting);
        stores.meetings().insert(otherMeeting);
        IssuedToken doomedToken = token(doomedMeeting.id());
        IssuedToken mintedByDoomedForOther =
                token(otherMeeting.id(), doomed.id().value(), now().plus(Duration.ofHours(1)));
        IssuedToken otherToken = token(otherMeeting.id(), bystander.id().value(), now().plus(Duration.ofHours(1)));
        stores.issuedTokens().insert(doomedToken);
        stores.issuedTokens().insert(mintedByDoomedForOther);
        stores.issuedTokens().insert(otherToken);

        assertThat(stores.applications().delete(doomed.id())).isTrue();

        assertThat(stores.applications().find(doomed.id())).isEmpty();
        assertThat(stores.meetings().find(doomedMeeting.id())).isEmpty();
        assertThat(stores.issuedTokens().find(doomedToken.jti())).isEmpty();
        assertThat(stores.issuedTokens().find(mintedByDoomedForOther.jti())).isEmpty();
        assertThat(stores.applications().find(bystander.id())).contains(bystander);
        assertThat(stores.meetings().find(otherMeeting.id())).contains(otherMeeting);
        assertThat(stores.issuedTokens().find(otherToken.jti())).contains(otherToken);
        assertThat(stores.applications().delete(doomed.id())).isFalse();
    }

    @Test
    void deletingAnApplicationSparesAUsersMeetingsWithTheSameOrganizerId() {
        Application application = application();
        stores.applications().insert(application);
        Organizer userWithSameId = new Organizer(Organizer.Kind.USER, application.id().value(), "someone");
        Meeting usersMeeting = adHocMeeting(userWithSameId, now());
        stores.meetings().insert(usersMeeting);

        stores.applications().delete(application.id());

        assertThat(stores.meetings().find(usersMeeting.id())).contains(usersMeeting);
    }

    // Users

    @Test
    void userRoundTripsByIdNameAndTokenHash() {
        User user = user();
        stores.users().insert(user);

        assertThat(stores.users().find(user.id())).contains(user);
        assertThat(stores.users().findByUserName(user.userName())).contains(user);
        assertThat(stores.users().findByTokenHash(user.tokenHash())).contains(user);
    }

    @Test
    void unknownUserIsAbsent() {
        assertThat(stores.users().find(UserId.random())).isEmpty();
        assertThat(stores.users().findByUserName("nobody")).isEmpty();
        assertThat(stores.users().findByTokenHash("nothing")).isEmpty();
    }

    @Test
    void takenUserNameIsDuplicate() {
        User first = user();
        stores.users().insert(first);
        User sameName = new User(UserId.random(), first.userName(), "Someone Else", null, now());

        assertThatThrownBy(() -> stores.users().insert(sameName))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("user name");
        assertThat(stores.users().findByUserName(first.userName())).contains(first);
    }

    @Test
    void usersAreListedOldestFirst() {
        Instant t = now().minus(Duration.ofDays(3650));
        User newer = user(t.plusMillis(1));
        User older = user(t);
        stores.users().insert(newer);
        stores.users().insert(older);

        assertThat(only(stores.users().list(), User::id, List.of(older.id(), newer.id())))
                .containsExactly(older, newer);
    }

    @Test
    void tokenHashIsReplacedOrRevoked() {
        User user = user();
        stores.users().insert(user);

        assertThat(stores.users().updateTokenHash(user.id(), "rotated")).isTrue();
        assertThat(stores.users().findByTokenHash("rotated")).contains(user.withTokenHash("rotated"));
        assertThat(stores.users().findByTokenHash(user.tokenHash())).isEmpty();

        assertThat(stores.users().updateTokenHash(user.id(), null)).isTrue();
        assertThat(stores.users().find(user.id())).contains(user.withTokenHash(null));
        assertThat(stores.users().findByTokenHash("rotated")).isEmpty();

        assertThat(stores.users().updateTokenHash(UserId.random(), "x")).isFalse();
    }

    // Meetings

    @Test
    void meetingsRoundTripWithEveryFieldAndListExactly() {
        Meeting scheduled = scheduledMeeting(organizerOf(user()));
        Meeting adHoc = adHocMeeting(organizerOf(application()), now());
        stores.meetings().insert(scheduled);
        stores.meetings().insert(adHoc);

        assertThat(stores.meetings().find(scheduled.id())).contains(scheduled);
        assertThat(stores.meetings().find(adHoc.id())).contains(adHoc);
        assertThat(stores.meetings().find(MeetingId.random())).isEmpty();
    }

    @Test
    void updateReplacesTheMutableFieldsOnly() {
        Meeting original = scheduledMeeting(organizerOf(user()));
        stores.meetings().insert(original);
        Instant start = original.startTime().plus(Duration.ofDays(7));
        Meeting changed = new Meeting(original.id(), organizerOf(user()), "Renamed", null,
                new MeetingPolicy(AccessLevel.Locked, LobbyBypass.Everyone, AutomaticLeaderAssignment.Everyone),
                List.of("grace"), List.of(), start, start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofHours(1)),
                original.createdAt().plusSeconds(60), original.createdAt(), "ignored");

        assertThat(stores.meetings().update(changed)).isTrue();

        assertThat(stores.meetings().find(original.id())).contains(new Meeting(original.id(), original.organizer(),
                "Renamed", null, changed.policy(), List.of("grace"), List.of(), changed.startTime(),
                changed.endTime(), changed.expirationTime(), original.createdAt(), null, null));
        assertThat(stores.meetings().update(scheduledMeeting(organizerOf(user())))).isFalse();
    }

    @Test
    void aMeetingEndsOnlyOnce() {
        Meeting meeting = adHocMeeting(organizerOf(application()), now());
        stores.meetings().insert(meeting);
        Instant endedAt = now();

        assertThat(stores.meetings().markEnded(meeting.id(), endedAt, "organizer ended it")).isTrue();
        assertThat(stores.meetings().markEnded(meeting.id(), endedAt.plusSeconds(5), "again")).isFalse();

        assertThat(stores.meetings().find(meeting.id())).contains(meeting.ended(endedAt, "organizer ended it"));
        assertThat(stores.meetings().markEnded(MeetingId.random(), endedAt, "x")).isFalse();
    }

    @Test
    void aMeetingReadBeforeEachWriteIsReadFreshAfterIt() {
        Meeting meeting = adHocMeeting(organizerOf(application()), now());
        assertThat(stores.meetings().find(meeting.id())).isEmpty();
        stores.meetings().insert(meeting);
        assertThat(stores.meetings().find(meeting.id())).contains(meeting);

        Meeting renamed = new Meeting(meeting.id(), meeting.organizer(), "Renamed", meeting.description(),
                meeting.policy(), meeting.attendees(), meeting.leaders(), meeting.startTime(), meeting.endTime(),
                meeting.expirationTime(), meeting.createdAt(), null, null);
        stores.meetings().update(renamed);
        assertThat(stores.meetings().find(meeting.id()).orElseThrow().subject()).isEqualTo("Renamed");

        Instant endedAt = now();
        stores.meetings().markEnded(meeting.id(), endedAt, "over");
        assertThat(stores.meetings().find(meeting.id()).orElseThrow().endedAt()).isEqualTo(endedAt);

        stores.meetings().delete(meeting.id());
        assertThat(stores.meetings().find(meeting.id())).isEmpty();
    }

    @Test
    void whatATransactionReadsBeforeItRollsBackIsNotWhatIsReadAfterIt() {
        Meeting meeting = adHocMeeting(organizerOf(application()), now());
        stores.meetings().insert(meeting);

        assertThatThrownBy(() -> stores.inTransaction(() -> {
            stores.meetings().markEnded(meeting.id(), now(), "about to roll back");
            assertThat(stores.meetings().find(meeting.id()).orElseThrow().endedAt()).isNotNull();
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(stores.meetings().find(meeting.id())).contains(meeting);
    }

    @Test
    void organizersMeetingsArePagedNewestFirst() {
        Organizer organizer = organizerOf(application());
        Instant t = now();
        List<Meeting> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, adHocMeeting(organizer, t.plusSeconds(i)));
        }
        Meeting tieA = adHocMeeting(organizer, t.minusSeconds(10));
        Meeting tieB = adHocMeeting(organizer, t.minusSeconds(10));
        boolean aFirst = tieA.id().value().compareTo(tieB.id().value()) > 0;
        newestFirst.add(aFirst ? tieA : tieB);
        newestFirst.add(aFirst ? tieB : tieA);
        for (Meeting meeting : newestFirst) {
            stores.meetings().insert(meeting);
        }
        stores.meetings().insert(adHocMeeting(organizerOf(application()), t));
        stores.meetings().insert(adHocMeeting(new Organizer(Organizer.Kind.USER, organizer.id(), "u"), t));

        MeetingStore meetings = stores.meetings();
        assertThat(meetings.listByOrganizer(organizer, 0, 3)).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(meetings.listByOrganizer(organizer, 3, 3)).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(meetings.listByOrganizer(organizer, 6, 3)).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(meetings.listByOrganizer(organizer, 0, 100)).containsExactlyElementsOf(newestFirst);
        assertThat(meetings.listByOrganizer(organizer, 7, 3)).isEmpty();
        assertThat(meetings.listByOrganizer(organizerOf(user()), 0, 10)).isEmpty();
    }

    @Test
    void deletingAMeetingDeletesItsTokens() {
        Meeting meeting = scheduledMeeting(organizerOf(user()));
        Meeting other = scheduledMeeting(organizerOf(user()));
        stores.meetings().insert(meeting);
        stores.meetings().insert(other);
        IssuedToken token = token(meeting.id());
        IssuedToken otherToken = token(other.id());
        stores.issuedTokens().insert(token);
        stores.issuedTokens().insert(otherToken);

        assertThat(stores.meetings().delete(meeting.id())).isTrue();

        assertThat(stores.meetings().find(meeting.id())).isEmpty();
        assertThat(stores.issuedTokens().find(token.jti())).isEmpty();
        assertThat(stores.meetings().find(other.id())).contains(other);
        assertThat(stores.issuedTokens().find(otherToken.jti())).contains(otherToken);
        assertThat(stores.meetings().delete(meeting.id())).isFalse();
    }

    // Issued tokens

    @Test
    void issuedTokenRoundTrips() {
        IssuedToken token = token(MeetingId.random(), AppId.random().value(), now().plus(Duration.ofHours(1)));
        Instant t = now();
        IssuedToken spent = new IssuedToken(unique("jti-"), token.kind(), token.meetingId(), null, "user:x",
                t, t.plusSeconds(60), t.plusSeconds(1), t.plusSeconds(2), null);
        stores.issuedTokens().insert(token);
        stores.issuedTokens().insert(spent);

        assertThat(stores.issuedTokens().find(token.jti())).contains(token);
        assertThat(stores.issuedTokens().find(spent.jti())).contains(spent);
        assertThat(stores.issuedTokens().find("no-such-jti")).isEmpty();
    }

    @Test
    void tokensInsertedTogetherAreAllRecordedOrNoneIs() {
        IssuedToken first = token(MeetingId.random());
        IssuedToken second = token(MeetingId.random(), AppId.random().value(), now().plus(Duration.ofHours(2)));
        stores.issuedTokens().insertAll(List.of(first, second));
        stores.issuedTokens().insertAll(List.of());

        assertThat(stores.issuedTokens().find(first.jti())).contains(first);
        assertThat(stores.issuedTokens().find(second.jti())).contains(second);

        IssuedToken fresh = token(MeetingId.random());
        assertThatThrownBy(() -> stores.issuedTokens().insertAll(List.of(fresh, first)))
                .as("the second is a duplicate jti").isInstanceOf(RuntimeException.class);
        assertThat(stores.issuedTokens().find(fresh.jti())).as("rolled back with it").isEmpty();
    }

    @Test
    void aTokenIsConsumedOnce() {
        IssuedToken token = token(MeetingId.random());
        stores.issuedTokens().insert(token);
        Instant at = now();

        assertThat(stores.issuedTokens().consume(token.jti(), at)).isTrue();
        assertThat(stores.issuedTokens().consume(token.jti(), at.plusSeconds(1))).isFalse();

        assertThat(stores.issuedTokens().find(token.jti())).hasValueSatisfying(
                stored -> assertThat(stored.consumedAt()).isEqualTo(at));
        assertThat(stores.issuedTokens().consume("no-such-jti", at)).isFalse();
    }

    @Test
    void aTokenIsConsumedByItsRecordedDigestOnlyOnceAndByNoOtherDigest() {
        IssuedToken token = token(MeetingId.random());
        IssuedToken undigested = new IssuedToken(unique("jti-"), token.kind(), token.meetingId(), null, "guest:x",
                token.issuedAt(), token.expiresAt(), null, null, null);
        stores.issuedTokens().insert(token);
        stores.issuedTokens().insert(undigested);
        Instant at = now();

        assertThat(consumeRecorded(token.jti(), TokenDigest.of("another string"), at)).isFalse();
        assertThat(stores.issuedTokens().find(token.jti()).orElseThrow().consumedAt()).isNull();
        assertThat(consumeRecorded(token.jti(), token.tokenDigest(), at)).isTrue();
        assertThat(consumeRecorded(token.jti(), token.tokenDigest(), at.plusSeconds(1))).isFalse();
        assertThat(stores.issuedTokens().find(token.jti()).orElseThrow().consumedAt()).isEqualTo(at);

        assertThat(consumeRecorded(undigested.jti(), TokenDigest.of("anything"), at)).isFalse();
        assertThat(consumeRecorded("no-such-jti", token.tokenDigest(), at)).isFalse();
        assertThat(stores.issuedTokens().consume(undigested.jti(), at)).isTrue();

        IssuedToken revoked = token(MeetingId.random());
        stores.issuedTokens().insert(revoked);
        stores.issuedTokens().revoke(revoked.jti(), at);
        assertThat(consumeRecorded(revoked.jti(), revoked.tokenDigest(), at)).isFalse();
        assertThat(stores.issuedTokens().find(revoked.jti()).orElseThrow().consumedAt()).isNull();
    }

    @Test
    void aBatchUsesUpEachRecordedTokenOnceInOrder() {
        IssuedToken first = token(MeetingId.random());
        IssuedToken second = token(MeetingId.random());
        IssuedToken revoked = token(MeetingId.random());
        List.of(first, second, revoked).forEach(stores.issuedTokens()::insert);
        Instant at = now();
        stores.issuedTokens().revoke(revoked.jti(), at);

        boolean[] consumed = stores.issuedTokens().consumeRecorded(List.of(
                new IssuedTokenStore.Presented(first.jti(), first.tokenDigest()),
                new IssuedTokenStore.Presented(second.jti(), TokenDigest.of("another string")),
                new IssuedTokenStore.Presented(first.jti(), first.tokenDigest()),
                new IssuedTokenStore.Presented(revoked.jti(), revoked.tokenDigest()),
                new IssuedTokenStore.Presented("no-such-jti", first.tokenDigest()),
                new IssuedTokenStore.Presented(second.jti(), second.tokenDigest())), at);

        assertThat(consumed).containsExactly(true, false, false, false, false, true);
        assertThat(stores.issuedTokens().find(first.jti()).orElseThrow().consumedAt()).isEqualTo(at);
        assertThat(stores.issuedTokens().find(second.jti()).orElseThrow().consumedAt()).isEqualTo(at);
        assertThat(stores.issuedTokens().find(revoked.jti()).orElseThrow().consumedAt()).isNull();
        assertThat(stores.issuedTokens().consumeRecorded(List.of(), at)).isEmpty();
    }

    @Test
    void exactlyOneOfManyConcurrentConsumersWins() throws Exception {
        int rounds = 20;
        int consumers = 6;
        ExecutorService executor = Executors.newFixedThreadPool(consumers);
        try {
            for (int round = 0; round < rounds; round++) {
                IssuedToken token = token(MeetingId.random());
                stores.issuedTokens().insert(token);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < consumers; i++) {
                    results.add(executor.submit(() -> {
                        start.await();
                        return stores.issuedTokens().consume(token.jti(), now());
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> result : results) {
                    winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("winners in round %d", round).isEqualTo(1);
            }
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aRevokedTokenCannotBeConsumedNorRevokedAgain() {
        IssuedToken token = token(MeetingId.random());
        stores.issuedTokens().insert(token);
        Instant at = now();

        assertThat(stores.issuedTokens().revoke(token.jti(), at)).isTrue();
        assertThat(stores.issuedTokens().revoke(token.jti(), at.plusSeconds(1))).isFalse();
        assertThat(stores.issuedTokens().consume(token.jti(), at.plusSeconds(2))).isFalse();

        assertThat(stores.issuedTokens().find(token.jti())).hasValueSatisfying(stored -> {
            assertThat(stored.revokedAt()).isEqualTo(at);
            assertThat(stored.consumedAt()).isNull();
        });
        assertThat(stores.issuedTokens().revoke("no-such-jti", at)).isFalse();
    }

    @Test
    void revokingAllForAMeetingCountsOnlyNewlyRevokedTokensOfThatMeeting() {
        MeetingId meeting = MeetingId.random();
        IssuedToken first = token(meeting);
        IssuedToken second = token(meeting);
        IssuedToken alreadyRevoked = token(meeting);
        IssuedToken elsewhere = token(MeetingId.random());
        for (IssuedToken token : List.of(first, second, alreadyRevoked, elsewhere)) {
            stores.issuedTokens().insert(token);
        }
        Instant earlier = now().minusSeconds(60);
        stores.issuedTokens().revoke(alreadyRevoked.jti(), earlier);
        Instant at = now();

        assertThat(stores.issuedTokens().revokeAllForMeeting(meeting, at)).isEqualTo(2);
        assertThat(stores.issuedTokens().revokeAllForMeeting(meeting, at)).isZero();

        assertThat(stores.issuedTokens().find(first.jti()).orElseThrow().revokedAt()).isEqualTo(at);
        assertThat(stores.issuedTokens().find(second.jti()).orElseThrow().revokedAt()).isEqualTo(at);
        assertThat(stores.issuedTokens().find(alreadyRevoked.jti()).orElseThrow().revokedAt()).isEqualTo(earlier);
        assertThat(stores.issuedTokens().find(elsewhere.jti()).orElseThrow().revokedAt()).isNull();
        assertThat(stores.issuedTokens().revokeAllForMeeting(MeetingId.random(), at)).isZero();
    }

    @Test
    void deleteExpiredDeletesOnlyTokensThatExpiredBeforeTheCutoff() {
        Instant cutoff = now().minus(Duration.ofDays(365));
        IssuedToken longExpired = token(MeetingId.random(), null, cutoff.minus(Duration.ofDays(1)));
        IssuedToken justExpired = token(MeetingId.random(), null, cutoff.minusMillis(1));
        IssuedToken expiringAtCutoff = token(MeetingId.random(), null, cutoff);
        IssuedToken live = token(MeetingId.random());
        for (IssuedToken token : List.of(longExpired, justExpired, expiringAtCutoff, live)) {
            stores.issuedTokens().insert(token);
        }

        assertThat(stores.issuedTokens().deleteExpired(cutoff)).isEqualTo(2);

        assertThat(stores.issuedTokens().find(longExpired.jti())).isEmpty();
        assertThat(stores.issuedTokens().find(justExpired.jti())).isEmpty();
        assertThat(stores.issuedTokens().find(expiringAtCutoff.jti())).contains(expiringAtCutoff);
        assertThat(stores.issuedTokens().find(live.jti())).contains(live);
    }

    @Test
    void deleteExpiredGoesInChunksUntilNoneIsLeft() {
        Instant cutoff = now().minus(Duration.ofDays(730));
        List<IssuedToken> expired = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * JdbcIssuedTokenStore.DELETE_CHUNK + 5; i++) {
            expired.add(token(MeetingId.random(), null, cutoff.minusSeconds(1 + i)));
        }
        stores.issuedTokens().insertAll(expired);
        IssuedToken kept = token(MeetingId.random(), null, cutoff.plusSeconds(1));
        stores.issuedTokens().insert(kept);

        assertThat(stores.issuedTokens().deleteExpired(cutoff)).isEqualTo(expired.size());

        assertThat(stores.issuedTokens().find(expired.get(0).jti())).isEmpty();
        assertThat(stores.issuedTokens().find(expired.get(expired.size() - 1).jti())).isEmpty();
        assertThat(stores.issuedTokens().find(kept.jti())).contains(kept);
        assertThat(stores.issuedTokens().deleteExpired(cutoff)).isZero();
    }

    // Signing keys

    @Test
    void signingKeysAreListedOldestFirstAndRetiredOnce() {
        Instant t = now().minus(Duration.ofDays(3650));
        StoredSigningKey newest = signingKey(t.plusSeconds(2));
        StoredSigningKey oldest = signingKey(t);
        StoredSigningKey middle = signingKey(t.plusSeconds(1));
        for (StoredSigningKey key : List.of(newest, oldest, middle)) {
            stores.signingKeys().insert(key);
        }
        Instant retiredAt = now();

        assertThat(stores.signingKeys().retire(middle.kid(), retiredAt)).isTrue();
        assertThat(stores.signingKeys().retire(middle.kid(), retiredAt.plusSeconds(1))).isFalse();
        assertThat(stores.signingKeys().retire("no-such-kid", retiredAt)).isFalse();

        StoredSigningKey retired =
                new StoredSigningKey(middle.kid(), middle.privateJwk(), middle.createdAt(), retiredAt);
        List<String> kids = List.of(oldest.kid(), middle.kid(), newest.kid());
        assertThat(only(stores.signingKeys().listAll(), StoredSigningKey::kid, kids))
                .containsExactly(oldest, retired, newest);
        assertThat(only(stores.signingKeys().listUnretired(), StoredSigningKey::kid, kids))
                .containsExactly(oldest, newest);
    }

    /** The listed values whose key is one of {@code keys}, in listed order. */
    private static <T, K> List<T> only(List<T> listed, Function<T, K> key, List<K> keys) {
        Set<K> wanted = Set.copyOf(keys);
        return listed.stream().filter(value -> wanted.contains(key.apply(value))).toList();
    }

    /** One presented token, consumed as a batch of one. */
    private boolean consumeRecorded(String jti, String tokenDigest, Instant at) {
        return stores.issuedTokens().consumeRecorded(List.of(new IssuedTokenStore.Presented(jti, tokenDigest)), at)[0];
    }

}
