package dev.foyer.bench.jmh;

import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.token.IssuedDigests;
import dev.foyer.server.token.JoinClaims;
import dev.foyer.server.token.JoinTokenRequest;
import dev.foyer.server.token.SignedToken;
import dev.foyer.server.token.SigningKeys;
import dev.foyer.server.token.TokenDigest;
import dev.foyer.server.token.TokenIssuer;
import dev.foyer.server.token.TokenKind;
import dev.foyer.server.token.TokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Minting and verifying an ES256 join token: the cryptographic cost of a join. A server verifies
 * a token in full only when its own record of the token (the digest stored at issue) does not
 * match; a join token it issued is checked against that record ({@code verifyJoinTokenRecorded},
 * the record here in memory: the database read it stands for is not measured).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenBenchmark {
    private TokenIssuer issuer;
    private TokenVerifier verifier;
    private IssuedDigests recorded;
    private JoinTokenRequest request;
    private String token;

    @Setup
    public void setUp() {
        SigningKeys keys = new SigningKeys(new MemorySigningKeyStore(), Clock.systemUTC());
        issuer = new TokenIssuer(keys, "http://127.0.0.1:8080", Clock.systemUTC());
        verifier = new TokenVerifier(keys, "http://127.0.0.1:8080", Clock.systemUTC());
        request = JoinTokenRequest.newBuilder(TokenKind.GUEST, new MeetingId("0123456789ABC"), "guest:visit-42")
                .appId("app_0000000000000000").applicationSessionId("visit-42")
                .allowedOrigins(List.of("https://bank.example")).build();
        SignedToken signed = issuer.issueJoin(request, Duration.ofHours(1));
        token = signed.value();
        String digest = TokenDigest.of(token);
        recorded = jti -> jti.equals(signed.jti()) ? digest : null;
    }

    @Benchmark
    public String mintJoinToken() {
        return issuer.issueJoin(request, Duration.ofHours(1)).value();
    }

    @Benchmark
    public JoinClaims verifyJoinTokenInFull() {
        return verifier.verifyJoin(token);
    }

    @Benchmark
    public JoinClaims verifyJoinTokenRecorded() {
        return verifier.verifyJoin(token, recorded);
    }
}
