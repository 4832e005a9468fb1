package dev.foyer.server.transport.http;

import io.javalin.http.Context;

/**
 * CORS for the few endpoints a browser on a business's own site calls: the meeting URL's JSON,
 * its anonymous token, and discovery. These responses name any calling origin, so a page can read
 * errors too; what protects a token is the server-side Origin check against the token's allowed
 * origins ({@link dev.foyer.server.web.OriginPolicy}), which fails with 403 before any data is sent.
 */
final class Cors {
    private Cors() {}

    static void allow(Context ctx, String origin) {
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
    }

    static void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null) {
            allow(ctx, origin);
        }
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }
}
