package dev.foyer.examples.contoso;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sign-in, sign-out, who am I, and the visitor's "Talk to an advisor". */
final class VisitorRoutes {
    private final Http http;
    private final Accounts accounts;
    private final Visits visits;
    private final VisitLimiter limiter;
    private final String foyerUrl;

    VisitorRoutes(Http http, Accounts accounts, Visits visits, VisitLimiter limiter, String foyerUrl) {
        this.http = http;
        this.accounts = accounts;
        this.visits = visits;
        this.limiter = limiter;
        this.foyerUrl = foyerUrl;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/login", this::login);
        routes.post("/api/logout", ctx -> {
            http.signOut(ctx);
            ctx.status(204);
        });
        routes.get("/api/me", this::me);
        routes.post("/api/visits", this::visit);
    }

    private void login(Context ctx) {
        JsonNode body = Http.body(ctx);
        Account account = accounts.authenticate(body.path("username").asText(null), body.path("password").asText(null))
                .orElseThrow(() -> new ApiError(401, "invalid_credentials", "Wrong username or password."));
        http.signIn(ctx, account);
        Http.json(ctx, 200, profile(account));
    }

    private void me(Context ctx) {
        Http.json(ctx, 200, profile(http.account(ctx)));
    }

    private Map<String, Object> profile(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("displayName", a.displayName());
        m.put("role", a.role().name().toLowerCase(java.util.Locale.ROOT));
        m.put("foyerUrl", foyerUrl); // where the page loads Foyer's browser SDK from
        return m;
    }

    /**
     * The visitor is verified (signed in, a visitor) and within the rate limit before anything is
     * asked of Foyer; then the open visit is reused or a new one opened.
     */
    private void visit(Context ctx) {
        Account visitor = http.require(ctx, Account.Role.VISITOR);
        Duration wait = limiter.tryAcquire(visitor.username());
        if (wait != null) {
            throw new ApiError(429, "rate_limited", "Too many visit requests; try again shortly.", wait);
        }
        Visits.Ticket t = visits.open(visitor);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("joinUrl", t.joinUrl());
        m.put("token", t.token());
        m.put("discoverUri", t.discoverUri());
        m.put("displayName", visitor.displayName());
        ctx.header("Cache-Control", "no-store");
        Http.json(ctx, 200, m);
    }
}
