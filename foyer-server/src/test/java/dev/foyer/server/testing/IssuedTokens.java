package dev.foyer.server.testing;

import dev.foyer.server.meeting.MeetingId;
import dev.foyer.server.token.IssuedToken;
import dev.foyer.server.token.TokenDigest;
import dev.foyer.server.token.TokenKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Records of guest join tokens, each for a meeting of its own and valid for an hour, not yet stored. */
public final class IssuedTokens {
    private IssuedTokens() {}

    public static List<IssuedToken> fresh(int n) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<IssuedToken> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            tokens.add(new IssuedToken("jti-" + id, TokenKind.GUEST, MeetingId.random(), null, "guest:" + id, now,
                    now.plusSeconds(3_600), null, null, TokenDigest.of("token-" + id)));
        }
        return tokens;
    }
}
