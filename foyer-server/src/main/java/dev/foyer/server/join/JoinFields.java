package dev.foyer.server.join;

import dev.foyer.server.error.FoyerException;
import java.time.Duration;

/** Validation of the caller-supplied parts of a join token. */
final class JoinFields {
    private JoinFields() {}

    static String applicationSessionId(String raw) {
        return printable("applicationSessionId", raw, 128);
    }

    static String userId(String raw) {
        return printable("userId", raw, 128);
    }

    static String displayName(String raw) {
        String trimmed = raw == null ? null : raw.strip();
        return printable("displayName", trimmed, 64);
    }

    static Duration ttl(Integer minutes, Duration defaultTtl, Duration max) {
        if (minutes == null) {
            return defaultTtl;
        }
        if (minutes < 1 || minutes > max.toMinutes()) {
            throw FoyerException.invalidField("expiresInMinutes", "between 1 and " + max.toMinutes());
        }
        return Duration.ofMinutes(minutes);
    }

    private static String printable(String field, String raw, int max) {
        if (raw == null || raw.isEmpty() || raw.length() > max) {
            throw FoyerException.invalidField(field, "required, 1 to " + max + " characters");
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                throw FoyerException.invalidField(field, "must not contain control characters");
            }
        }
        return raw;
    }
}
