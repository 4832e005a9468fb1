package dev.foyer.server.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.protocol.Protocol;
import dev.foyer.server.Services;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.live.Command;
import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.store.IssuedTokenStore;
import dev.foyer.server.testing.MeetingScenario;
import dev.foyer.server.testing.TestServer;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.JoinTokenRequest;
import dev.foyer.server.token.SignedToken;
import dev.foyer.server.token.TokenKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The join's token check on the real stores (H2): the token it accepts is the exact string issued,
 * proven and used up in one statement; its record is read only to explain a refusal.
 */
class JoinGateTest {
    private static TestServer server;
    private static MeetingScenario scenario;
    private Services services;
    private CountingTokens tokens;
    private JoinGate gate;
    private MeetingId meetingId;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
        scenario = new MeetingScenario(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeGate() {
        gate.close();
    }

    @BeforeEach
    void gate() {
        services = server.server().services();
        tokens = new CountingTokens(services.stores().issuedTokens());
        gate = new JoinGate(services.tokenVerifier(), tokens, services.stores().meetings(), services.urls().origin(),
                services.clock(), new SimpleMeterRegistry());
        meetingId = MeetingId.parse(scenario.meetingId());
    }

    @Test
    void theTokenIssuedJoinsOnceWithoutItsRecordBeingRead() throws Exception {
        String token = scenario.guestToken("gate-1");

        JoinGate.Admitted admitted = admitted(token);

        assertThat(admitted.entrant().displayName()).isEqualTo("Ada");
        assertThat(tokens.finds.get()).as("records read").isZero();
        assertThat(tokens.consumesByDigest.get()).isEqualTo(1);
        assertThat(refusal(token).getMessage()).contains("already used");
        assertThat(tokens.finds.get()).as("records read to explain the refusal").isEqualTo(1);
    }

    @Test
    void aTamperedTokenIsRefusedAndLeavesTheGenuineOneUsable() throws Exception {
        String token = scenario.guestToken("gate-2");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("gate-2", "gate-3").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String badSignature = parts[0] + "." + parts[1] + "." + flip(parts[2]);

        assertThat(refusal(tampered).code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(refusal(badSignature).code()).isEqualTo(ErrorCode.INVALID_TOKEN);

        assertThat(admitted(token).entrant().jti()).isNotBlank();
    }

    @Test
    void aGenuineTokenWhoseRecordHasNoDigestIsVerifiedBySignatureAndJoinsOnce() throws Exception {
        SignedToken legacy = services.tokenIssuer().issueJoin(
                JoinTokenRequest.newBuilder(TokenKind.GUEST, meetingId, "guest:legacy").build(), Duration.ofMinutes(10));
        tokens.insert(new IssuedToken(legacy.jti(), TokenKind.GUEST, meetingId, null, "guest:legacy",
                legacy.issuedAt(), legacy.expiresAt(), null, null, null));

        assertThat(admitted(legacy.value()).entrant().jti()).isEqualTo(legacy.jti());
        assertThat(refusal(legacy.value()).code()).isEqualTo(ErrorCode.TOKEN_REVOKED);
    }

    @Test
    void aRevokedTokenIsRefusedAsRevoked() {
        String token = scenario.guestToken("gate-4");
        String jti = services.tokenVerifier().presentJoin(token).claims().jti();
        assertThat(tokens.revoke(jti, Instant.now())).isTrue();

        FoyerException e = refusal(token);

        assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REVOKED);
        assertThat(e.getMessage()).contains("revoked");
    }

    @Test
    void aTokenThisServerNeverRecordedIsRefused() {
        SignedToken unrecorded = services.tokenIssuer().issueJoin(
                JoinTokenRequest.newBuilder(TokenKind.GUEST, meetingId, "guest:nowhere").build(), Duration.ofMinutes(10));

        FoyerException e = refusal(unrecorded.value());

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(e.getMessage()).contains("did not issue");
    }

    @Test
    void tokensTheBatchDidNotAcceptAreLookedIntoApartAndAFloodOfThemIsRefusedWithoutHoldingUpGenuineJoins()
            throws Exception {
        String used = scenario.guestToken("gate-5");
        admitted(used);
        tokens.findGate = new Semaphore(0);
        int flood = JoinGate.CHECK_THREADS + JoinGate.CHECK_QUEUE + 1;
        List<CompletableFuture<JoinGate.Admitted>> reused = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
            reused.add(gate.check(join(used), meetingId, null));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reused.stream().anyMatch(CompletableFuture::isDone));

        assertThat(admitted(scenario.guestToken("gate-6")).entrant().displayName())
                .as("a genuine join while the checks are held").isEqualTo("Ada");
        List<FoyerException> busy = new ArrayList<>();
        for (CompletableFuture<JoinGate.Admitted> f : reused) {
            if (f.isDone()) {
                busy.add(refusal(f));
            }
        }
        assertThat(busy).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("too busy");
        });
        tokens.findGate.release(flood);
        long alreadyUsed = 0;
        for (CompletableFuture<JoinGate.Admitted> f : reused) {
            alreadyUsed += refusal(f).getMessage().contains("already used") ? 1 : 0;
        }
        assertThat(alreadyUsed).isEqualTo(flood - 1);
        assertThat(tokens.finders).containsOnly("foyer-join-checks");
    }

    private JoinGate.Admitted admitted(String token) throws Exception {
        return gate.check(join(token), meetingId, null).get(10, TimeUnit.SECONDS);
    }

    private FoyerException refusal(String token) {
        return refusal(gate.check(join(token), meetingId, null));
    }

    private static FoyerException refusal(CompletableFuture<JoinGate.Admitted> check) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> check.get(10, TimeUnit.SECONDS));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getCause()).isInstanceOf(FoyerException.class);
        return (FoyerException) e.getCause();
    }

    private static Command.Join join(String token) {
        return new Command.Join("j", Protocol.VERSION, token, "Ada");
    }

    /** The signature with one character in its middle changed. */
    private static String flip(String signature) {
        int i = signature.length() / 2;
        return signature.substring(0, i) + (signature.charAt(i) == 'A' ? 'B' : 'A') + signature.substring(i + 1);
    }

    /** The real store, counting what the gate asks of it. */
    private static final class CountingTokens implements IssuedTokenStore {
        private final IssuedTokenStore real;
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger consumesByDigest = new AtomicInteger();
        /** The threads that read records. */
        final List<String> finders = new CopyOnWriteArrayList<>();
        /** When set, a read of a record waits here for a permit. */
        volatile Semaphore findGate;

        CountingTokens(IssuedTokenStore real) {
            this.real = real;
        }

        @Override
        public void insert(IssuedToken token) {
            real.insert(token);
        }

        @Override
        public void insertAll(List<IssuedToken> tokens) {
            real.insertAll(tokens);
        }

        @Override
        public Optional<IssuedToken> find(String jti) {
            finds.incrementAndGet();
            finders.add(Thread.currentThread().getName());
            Semaphore g = findGate;
            if (g != null) {
                g.acquireUninterruptibly();
            }
            return real.find(jti);
        }

        @Override
        public boolean revoke(String jti, Instant at) {
            return real.revoke(jti, at);
        }

        @Override
        public int revokeAllForMeeting(MeetingId id, Instant at) {
            return real.revokeAllForMeeting(id, at);
        }

        @Override
        public boolean consume(String jti, Instant at) {
            return real.consume(jti, at);
        }

        @Override
        public boolean[] consumeRecorded(List<Presented> presented, Instant at) {
            consumesByDigest.addAndGet(presented.size());
            return real.consumeRecorded(presented, at);
        }

        @Override
        public int deleteExpired(Instant before) {
            return real.deleteExpired(before);
        }
    }
}
