package dev.foyer.server.transport.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.transport.http.ErrorBody;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty's upgrade handler, answering a WebSocket upgrade to any path but the signaling one with
 * the HTTP API's JSON 404 ({@link ErrorBody}, {@code not_found}, naming where the socket is)
 * rather than passing it on, where it would get Jetty's HTML error page. Every request that is
 * not an upgrade goes on to the wrapped handler.
 */
final class SignalingUpgradeHandler extends WebSocketUpgradeHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    SignalingUpgradeHandler(Server server, Consumer<ServerWebSocketContainer> configurator) {
        super(ServerWebSocketContainer.ensure(server), configurator);
    }

    @Override
    protected boolean handle(ServerWebSocketContainer container, Request request, Response response, Callback callback) {
        if (super.handle(container, request, response, callback)) {
            return true;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
            return false;
        }
        ErrorBody body = ErrorBody.of(ErrorCode.NOT_FOUND.wireName(), "no WebSocket at "
                + Request.getPathInContext(request) + "; the signaling socket is at " + SignalingEndpoint.PATH);
        response.setStatus(HttpStatus.NOT_FOUND_404);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        try {
            Content.Sink.write(response, true, JSON.writeValueAsString(body), callback);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // two strings in a record always serialize
        }
        return true;
    }
}
