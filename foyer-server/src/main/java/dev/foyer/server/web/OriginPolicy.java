package dev.foyer.server.web;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import java.util.List;

/**
 * Whether a client may use a token from where it stands. A token that names origins is for
 * browsers on those origins only: the request must carry one of them as its Origin. A token that
 * names none is for native apps (which send no Origin) and for this server's own join page.
 */
public final class OriginPolicy {
    private OriginPolicy() {}

    public static boolean allows(List<String> allowedOrigins, String origin, String serverOrigin) {
        if (allowedOrigins.isEmpty()) {
            return origin == null || origin.equalsIgnoreCase(serverOrigin);
        }
        return origin != null && allowedOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin));
    }

    public static void check(List<String> allowedOrigins, String origin, String serverOrigin) {
        if (!allows(allowedOrigins, origin, serverOrigin)) {
            throw new FoyerException(ErrorCode.ORIGIN_NOT_ALLOWED, origin == null
                    ? "this token is for browsers on its allowed origins; the request has no Origin"
                    : "origin " + origin + " is not allowed for this token");
        }
    }
}
