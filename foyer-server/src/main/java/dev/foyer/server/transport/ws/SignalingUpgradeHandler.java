package dev.foyer.server.transport.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.transport.http.ErrorBody;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * Upgrades requests for one path to WebSocket on Jetty's core, and answers an upgrade to any
 * other path with the HTTP API's JSON 404 ({@link ErrorBody}, {@code not_found}, naming where the
 * socket is) rather than passing it on, where it would get Jetty's HTML error page. Every request
 * that is not an upgrade goes on to the wrapped handler.
 */
final class SignalingUpgradeHandler extends Handler.Wrapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocketMappings mappings;
    private final Configuration.Customizer configuration;

    /** {@code configuration}: each socket's settings (idle timeout, frame size), set as it opens. */
    SignalingUpgradeHandler(Server server, PathSpec path, WebSocketNegotiator negotiator,
            Configuration.Customizer configuration) {
        this.mappings = new WebSocketMappings(WebSocketServerComponents.ensureWebSocketComponents(server));
        this.mappings.addMapping(path, negotiator);
        this.configuration = configuration;
        installBean(mappings);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (mappings.upgrade(request, response, callback, configuration)) {
            return true;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
            return super.handle(request, response, callback);
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
