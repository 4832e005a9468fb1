package dev.foyer.bench.jmh;

import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.token.JoinClaims;
import dev.foyer.server.token.JoinTokenRequest;
import dev.foyer.server.token.SigningKeys;
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
 * a token in full the first time it sees it (unless it minted it), and then only checks that it
 * remembered it ({@code verifyJoinTokenRemembered}).
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
    private TokenVerifier forgetful;
    private JoinTokenRequest request;
    private String token;

    @Setup
    public void setUp() {
        SigningKeys keys = new SigningKeys(new MemorySigningKeyStore(), Clock.systemUTC());
        issuer = new TokenIssuer(keys, "http://127.0.0.1:8080", Clock.systemUTC());
        verifier = new TokenVerifier(keys, "http://127.0.0.1:8080", Clock.systemUTC());
        forgetful = new TokenVerifier(keys, "http://127.0.0.1:8080", Clock.systemUTC(), 0);
        request = JoinTokenRequest.newBuilder(TokenKind.GUEST, new MeetingId("0123456789ABC"), "guest:visit-42")
                .appId("app_0000000000000000").applicationSessionId("visit-42")
                .allowedOrigins(List.of("https://bank.example")).build();
        token = issuer.issueJoin(request, Duration.ofHours(1)).value();
    }

    @Benchmark
    public String mintJoinToken() {
        return issuer.issueJoin(request, Duration.ofHours(1)).value();
    }

    @Benchmark
    public JoinClaims verifyJoinTokenFirstSeen() {
        return forgetful.verifyJoin(token);
    }

    @Benchmark
    public JoinClaims verifyJoinTokenRemembered() {
        return verifier.verifyJoin(token);
    }
}
