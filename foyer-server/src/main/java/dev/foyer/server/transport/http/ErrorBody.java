package dev.foyer.server.transport.http;

/** The wire shape of every API error: {@code {"error": {"code": ..., "message": ...}}}. */
record ErrorBody(Detail error) {
    record Detail(String code, String message) {}

    static ErrorBody of(String code, String message) {
        return new ErrorBody(new Detail(code, message));
    }
}
