package dev.foyer.server.transport.http;

import dev.foyer.server.join.JoinTicket;
import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;

/**
 * The answer to a mint: 201 with the join ticket once its token's record is committed. The
 * request holds none of the web server's threads meanwhile (docs/performance.md, item 59); a
 * refusal (the database busy or out of reach: 503 {@code unavailable}) goes to the error mapping
 * like any other.
 */
final class Minted {
    private Minted() {}

    static void answer(Context ctx, CompletableFuture<JoinTicket> ticket) {
        ctx.future(() -> ticket.thenAccept(t -> ctx.status(201).json(t)));
    }
}
