package dev.foyer.server.transport.http;

/**
 * The wire shape of every API error: {@code {"error": {"code": ..., "message": ...}}}; also the
 * body of a WebSocket upgrade refused before any socket exists ({@code SignalingUpgradeHandler}).
 */
public record ErrorBody(Detail error) {
    public record Detail(String code, String message) {}

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(new Detail(code, message));
    }
}
