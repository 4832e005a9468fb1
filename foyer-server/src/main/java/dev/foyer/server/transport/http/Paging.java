package dev.foyer.server.transport.http;

import dev.foyer.server.error.FoyerException;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;

/** {@code ?offset=&limit=} paging and the page envelope {@code {items, offset, limit, nextOffset?}}. */
record Paging(int offset, int limit) {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    static Paging of(Context ctx) {
        return new Paging(intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    /** Builds the page from {@code limit + 1} fetched rows: the extra one only says there is more. */
    <T, R> Page<R> page(List<T> fetched, Function<T, R> view) {
        boolean more = fetched.size() > limit;
        List<R> items = fetched.stream().limit(limit).map(view).toList();
        return new Page<>(items, offset, limit, more ? offset + limit : null);
    }

    record Page<R>(List<R> items, int offset, int limit, Integer nextOffset) {}

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw FoyerException.invalidField(name, "an integer from " + min + " to " + max);
    }
}
