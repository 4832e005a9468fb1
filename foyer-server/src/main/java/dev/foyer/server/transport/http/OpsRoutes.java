package dev.foyer.server.transport.http;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.store.Stores;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Liveness, readiness, metrics and the OpenAPI description. */
final class OpsRoutes {
    static final String OPENAPI_RESOURCE = "/openapi.json";

    private final Stores stores;
    private final PrometheusMeterRegistry registry;
    private final byte[] openApi;

    OpsRoutes(Stores stores, PrometheusMeterRegistry registry) {
        this.stores = stores;
        this.registry = registry;
        this.openApi = loadOpenApi();
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/healthz", ctx -> ctx.json(Map.of("status", "ok"))),
                ApiRoute.get("/readyz", this::ready),
                ApiRoute.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape())),
                ApiRoute.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi)));
    }

    private void ready(Context ctx) {
        if (stores.isReachable()) {
            ctx.json(Map.of("status", "ready"));
        } else {
            HttpErrors.write(ctx, ErrorCode.UNAVAILABLE, "the database is not reachable");
        }
    }

    static byte[] loadOpenApi() {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
