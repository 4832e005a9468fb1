package dev.foyer.server.transport.http;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /web/{asset}}: the browser SDK ({@code foyer.js}, an ES module a business's own page
 * may import from any origin) and the join page's script and style. A fixed list read once from
 * the classpath ({@code web/}); nothing else under that prefix is reachable.
 */
final class WebAssets {
    static final String PATH = "/web/{asset}";
    /** The files served, with their media types. */
    private static final Map<String, String> TYPES = Map.of(
            "foyer.js", "text/javascript; charset=utf-8",
            "foyer-media.js", "text/javascript; charset=utf-8",
            "meet.js", "text/javascript; charset=utf-8",
            "meet.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    WebAssets() {
        for (String name : TYPES.keySet()) {
            files.put(name, read("web/" + name));
        }
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.get(PATH, this::serve));
    }

    private void serve(Context ctx) {
        String name = ctx.pathParam("asset");
        byte[] body = files.get(name);
        if (body == null) {
            throw new FoyerException(ErrorCode.NOT_FOUND, "no such asset: " + name);
        }
        // Module scripts loaded cross-origin need CORS; these are public files without credentials.
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(TYPES.get(name)).result(body);
    }

    /** A classpath resource that is part of the server; missing one is a packaging bug. */
    static byte[] read(String resource) {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
