package dev.foyer.examples.contoso;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.foyer.platform.FoyerApiException;
import dev.foyer.platform.FoyerPlatformClient;
import dev.foyer.platform.JoinTicket;
import dev.foyer.platform.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;

/**
 * The advisor console's back-end: the live waiting room (Server-Sent Events), admitting a
 * visitor through the Platform API, and a presenter token to join the visit on Foyer's page.
 */
final class AdvisorRoutes {
    private final Http http;
    private final LobbyBoard board;
    private final FoyerPlatformClient foyer;

    AdvisorRoutes(Http http, LobbyBoard board, FoyerPlatformClient foyer) {
        this.http = http;
        this.board = board;
        this.foyer = foyer;
    }

    void register(RoutesConfig routes) {
        routes.before("/api/advisor/*", ctx -> http.require(ctx, Account.Role.ADVISOR));
        routes.get("/api/advisor/waiting", ctx -> Http.json(ctx, 200, Map.of("waiting", board.waiting())));
        routes.sse("/api/advisor/events", this::stream);
        routes.post("/api/advisor/meetings/{meetingId}/lobby/{participantId}/admit", this::admit);
        routes.post("/api/advisor/meetings/{meetingId}/join", this::join);
    }

    /** Sends the waiting list now and after every change, as {@code event: waiting}. */
    private void stream(SseClient client) {
        client.keepAlive();
        Object lock = new Object();
        Runnable unsubscribe = board.subscribe(list -> send(client, lock, list));
        client.onClose(unsubscribe);
        send(client, lock, board.waiting());
    }

    private static void send(SseClient client, Object lock, List<LobbyBoard.Waiting> list) {
        String data;
        try {
            data = Http.JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        synchronized (lock) { // webhooks arrive on several threads; frames must not interleave
            if (!client.terminated()) {
                client.sendEvent("waiting", data);
            }
        }
    }

    private void admit(Context ctx) {
        try {
            foyer.admitFromLobby(ctx.pathParam("meetingId"), ctx.pathParam("participantId"));
        } catch (FoyerApiException e) {
            if (e.status() == 404 || e.status() == 409) {
                throw new ApiError(409, "not_waiting", "That visitor is no longer waiting.");
            }
            throw e;
        }
        ctx.status(204);
    }

    /** A presenter token for the advisor, and the Foyer join page that uses it (the token rides in the fragment). */
    private void join(Context ctx) {
        Account advisor = http.account(ctx);
        String meetingId = ctx.pathParam("meetingId");
        String joinUrl = foyer.getMeeting(meetingId).joinUrl();
        JoinTicket ticket = foyer.createUserToken(meetingId, "advisor:" + advisor.username(), advisor.displayName(),
                Role.PRESENTER);
        ctx.header("Cache-Control", "no-store");
        Http.json(ctx, 200, Map.of("url", joinUrl + "#token=" + ticket.token(), "joinUrl", joinUrl,
                "token", ticket.token(), "discoverUri", ticket.discoverUri()));
    }
}
