package dev.foyer.server.transport.http;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import io.javalin.http.Context;

/** The bearer credential of a request (RFC 6750 §2.1). */
final class Bearer {
    private Bearer() {}

    static String of(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new FoyerException(ErrorCode.UNAUTHENTICATED, "send the token as 'Authorization: Bearer <token>'");
        }
        return header.substring(7).trim();
    }
}
