package dev.foyer.server.transport.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One HTTP endpoint. The server registers exactly the routes in its route table, and the OpenAPI
 * test compares that same table with {@code openapi.json}.
 */
public record ApiRoute(HandlerType method, String path, Handler handler) {
    static ApiRoute get(String path, Handler h) { return new ApiRoute(HandlerType.GET, path, h); }
    static ApiRoute post(String path, Handler h) { return new ApiRoute(HandlerType.POST, path, h); }
    static ApiRoute put(String path, Handler h) { return new ApiRoute(HandlerType.PUT, path, h); }
    static ApiRoute delete(String path, Handler h) { return new ApiRoute(HandlerType.DELETE, path, h); }
}
