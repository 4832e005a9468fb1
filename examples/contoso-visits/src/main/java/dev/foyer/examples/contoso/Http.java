package dev.foyer.examples.contoso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.Map;

/**
 * What every route shares: the session cookie, the CSRF rule and JSON bodies.
 *
 * <p>CSRF: the session cookie is {@code SameSite=Lax}, so other sites' POSTs carry no cookie in
 * current browsers; in addition every state-changing call must carry {@code X-Requested-With:
 * fetch} (which a cross-site form cannot send, and a cross-site script cannot without a preflight
 * this app never answers) and, when the browser names an {@code Origin}, it must be this app's.
 */
final class Http {
    static final String COOKIE = "contoso_session";
    static final String CSRF_HEADER = "X-Requested-With";
    static final ObjectMapper JSON = new ObjectMapper();

    private final Sessions sessions;
    private final String origin;
    private final boolean secureCookie;

    Http(Sessions sessions, String origin) {
        this.sessions = sessions;
        this.origin = origin;
        this.secureCookie = origin.startsWith("https:");
    }

    /** Before every {@code /api/} call: state-changing methods must come from this app's pages. */
    void checkCsrf(Context ctx) {
        if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
            return;
        }
        String requestOrigin = ctx.header("Origin");
        if (requestOrigin != null && !requestOrigin.equalsIgnoreCase(origin)) {
            throw ApiError.forbidden("Cross-site request refused.");
        }
        if (!"fetch".equals(ctx.header(CSRF_HEADER))) {
            throw ApiError.forbidden("Missing the " + CSRF_HEADER + ": fetch header.");
        }
    }

    /** The signed-in account, or 401. */
    Account account(Context ctx) {
        return sessions.account(ctx.cookie(COOKIE)).orElseThrow(ApiError::unauthenticated);
    }

    Account require(Context ctx, Account.Role role) {
        Account a = account(ctx);
        if (a.role() != role) {
            throw ApiError.forbidden(role == Account.Role.ADVISOR ? "Advisors only." : "Visitors only.");
        }
        return a;
    }

    void signIn(Context ctx, Account account) {
        sessions.end(ctx.cookie(COOKIE)); // a fresh id at sign-in: no session fixation
        setCookie(ctx, sessions.start(account), (int) Sessions.IDLE.toSeconds());
    }

    void signOut(Context ctx) {
        sessions.end(ctx.cookie(COOKIE));
        setCookie(ctx, "", 0);
    }

    private void setCookie(Context ctx, String value, int maxAge) {
        ctx.header("Set-Cookie", COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + (secureCookie ? "; Secure" : ""));
    }

    static JsonNode body(Context ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw ApiError.badRequest("Send a JSON object.");
            }
            return body;
        } catch (IOException e) {
            throw ApiError.badRequest("Send a JSON object.");
        }
    }

    static void json(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void error(Context ctx, ApiError e) {
        if (e.retryAfter != null) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, (e.retryAfter.toMillis() + 999) / 1000)));
        }
        json(ctx, e.status, Map.of("error", Map.of("code", e.code, "message", e.getMessage())));
    }
}
