package dev.foyer.server.transport.http;

import dev.foyer.server.app.Application;
import dev.foyer.server.app.ApplicationService;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.token.SignedToken;
import dev.foyer.server.token.SigningKeys;
import dev.foyer.server.token.TokenIssuer;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) and the JWKS. Errors here use RFC 6749 §5.2 bodies
 * ({@code {"error","error_description"}}) as OAuth clients expect, not the API's error shape.
 */
final class OAuthRoutes {
    private final ApplicationService apps;
    private final TokenIssuer issuer;
    private final SigningKeys keys;
    private final Duration ttl;

    OAuthRoutes(ApplicationService apps, TokenIssuer issuer, SigningKeys keys, Duration ttl) {
        this.apps = apps;
        this.issuer = issuer;
        this.keys = keys;
        this.ttl = ttl;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/oauth2/token", this::token),
                ApiRoute.get("/.well-known/jwks.json", ctx -> {
                    ctx.header("Cache-Control", "public, max-age=300");
                    ctx.json(keys.publicJwkSet());
                }));
    }

    private void token(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            oauthError(ctx, 400, "invalid_request", "send the request as application/x-www-form-urlencoded");
            return;
        }
        Map<String, String> form;
        try {
            form = parseForm(ctx.body());
        } catch (IllegalArgumentException e) {
            oauthError(ctx, 400, "invalid_request", e.getMessage());
            return;
        }
        String[] basic = basicCredentials(ctx);
        boolean formAuth = form.containsKey("client_id") || form.containsKey("client_secret");
        if (basic != null && formAuth) {
            oauthError(ctx, 400, "invalid_request", "use one client authentication method, not two");
            return;
        }
        String grant = form.get("grant_type");
        if (grant == null) {
            oauthError(ctx, 400, "invalid_request", "grant_type is required");
            return;
        }
        if (!grant.equals("client_credentials")) {
            oauthError(ctx, 400, "unsupported_grant_type", "only client_credentials is supported");
            return;
        }
        String clientId = basic != null ? basic[0] : form.get("client_id");
        String secret = basic != null ? basic[1] : form.get("client_secret");
        Application app;
        try {
            app = apps.authenticate(clientId, secret);
        } catch (FoyerException e) {
            if (basic != null) {
                ctx.header("WWW-Authenticate", "Basic realm=\"foyer\"");
            }
            oauthError(ctx, 401, "invalid_client", "unknown client or wrong client secret");
            return;
        }
        SignedToken token = issuer.issueAccess(app.id(), ttl);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.value());
        body.put("token_type", "Bearer");
        body.put("expires_in", Duration.between(token.issuedAt(), token.expiresAt()).toSeconds());
        body.put("application_id", app.id().value());
        ctx.json(body);
    }

    private static void oauthError(Context ctx, int status, String error, String description) {
        ctx.status(status).json(Map.of("error", error, "error_description", description));
    }

    /** Credentials from {@code Authorization: Basic}, form-decoded as RFC 6749 §2.3.1 says; null if absent. */
    private static String[] basicCredentials(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return new String[] {"", ""};
            }
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return new String[] {"", ""};
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(key, value) != null) {
                throw new IllegalArgumentException("parameter " + key + " is repeated");
            }
        }
        return out;
    }
}
