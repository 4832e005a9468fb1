package dev.foyer.examples.contoso;

import dev.foyer.platform.WebhookEvent;
import dev.foyer.platform.WebhookVerificationException;
import dev.foyer.platform.WebhookVerifier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/foyer}: Foyer's signed callbacks. Anything not signed with the app's
 * webhook secret gets 400 and changes nothing; an event already accepted (same id) gets 200 and
 * is not applied again.
 */
final class WebhookRoute {
    static final String PATH = "/webhooks/foyer";
    private static final Logger log = LoggerFactory.getLogger(WebhookRoute.class);

    private final WebhookVerifier verifier;
    private final Visits visits;
    private final LobbyBoard board;

    WebhookRoute(String webhookSecret, Visits visits, LobbyBoard board) {
        this.verifier = WebhookVerifier.builder().secret(webhookSecret).rejectReplays().build();
        this.visits = visits;
        this.board = board;
    }

    void register(RoutesConfig routes) {
        routes.post(PATH, this::receive);
    }

    private void receive(Context ctx) {
        WebhookEvent event;
        try {
            event = verifier.verify(ctx.header("Foyer-Signature"), ctx.bodyAsBytes());
        } catch (WebhookVerificationException e) {
            if (e.reason() == WebhookVerificationException.Reason.REPLAYED) {
                ctx.status(200);
                return;
            }
            log.warn("webhook refused reason={}", e.reason());
            ctx.status(400);
            return;
        }
        log.info("webhook event={} type={} meeting={}", event.id(), event.type(), event.onlineMeetingId());
        if (WebhookEvent.MEETING_ENDED.equals(event.type())) {
            visits.meetingEnded(event.onlineMeetingId());
        }
        board.apply(event);
        ctx.status(204);
    }
}
