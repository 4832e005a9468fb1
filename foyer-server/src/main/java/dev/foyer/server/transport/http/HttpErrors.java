package dev.foyer.server.transport.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import dev.foyer.server.error.RateLimitedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The single place where failures become HTTP statuses and error bodies. */
final class HttpErrors {
    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {}

    static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST, INVALID_FIELD -> 400;
            case UNAUTHENTICATED, INVALID_TOKEN, TOKEN_EXPIRED, TOKEN_REVOKED -> 401;
            case FORBIDDEN, ANONYMOUS_JOIN_NOT_ALLOWED, ORIGIN_NOT_ALLOWED, MEETING_LOCKED, NOT_INVITED, IN_LOBBY -> 403;
            case NOT_FOUND, MEETING_NOT_FOUND, UNKNOWN_PARTICIPANT -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case CONFLICT, ALREADY_JOINED, TOO_MANY_PARTICIPANTS, MESH_LIMIT_REACHED -> 409;
            case NOT_JOINED, RESUME_FAILED -> 401;
            case UNSUPPORTED_VERSION, UNKNOWN_TYPE -> 400;
            case MEETING_ENDED -> 410;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    static void write(Context ctx, ErrorCode code, String message) {
        ctx.status(status(code));
        if (status(code) == 401 && ctx.res().getHeader("WWW-Authenticate") == null) {
            // RFC 6750 §3.1: no error attribute when the request carried no credentials at all.
            ctx.header("WWW-Authenticate", code == ErrorCode.UNAUTHENTICATED
                    ? "Bearer realm=\"foyer\"" : "Bearer realm=\"foyer\", error=\"invalid_token\"");
        }
        ctx.json(ErrorBody.of(code.wireName(), message));
    }

    static void register(RoutesConfig routes) {
        routes.exception(RateLimitedException.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
            write(ctx, e.code(), e.getMessage());
        });
        routes.exception(FoyerException.class, (e, ctx) -> write(ctx, e.code(), e.getMessage()));
        routes.exception(JsonProcessingException.class, (e, ctx) -> write(ctx, ErrorCode.INVALID_REQUEST, describe(e)));
        routes.exception(HttpResponseException.class, (e, ctx) -> writeFramework(ctx, e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("unhandled error path={} method={}", ctx.path(), ctx.method(), e);
            write(ctx, ErrorCode.INTERNAL, "internal error");
        });
        // Statuses Javalin sets itself (no route, too large) get the same body as ours.
        routes.error(404, "*", ctx -> {
            if (!ctx.result().isEmpty() && ctx.result().startsWith("{\"error\"")) {
                return;
            }
            write(ctx, ErrorCode.NOT_FOUND, "no such resource: " + ctx.path());
        });
        routes.error(405, "*", ctx -> write(ctx, ErrorCode.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed here"));
        routes.error(413, "*", ctx -> write(ctx, ErrorCode.PAYLOAD_TOO_LARGE, "request body too large"));
    }

    private static void writeFramework(Context ctx, int status, String message) {
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_REQUEST;
        };
        write(ctx, code, message == null || message.isBlank() ? code.wireName() : message);
    }

    /** A message naming the offending field, without echoing the (maybe hostile) input. */
    static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m
                ? m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : "";
        String where = path.isEmpty() ? "" : " at '" + path + "'";
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException f) {
            return "invalid value" + where + (f.getTargetType() != null && f.getTargetType().isEnum()
                    ? "; expected one of " + java.util.Arrays.toString(f.getTargetType().getEnumConstants())
                    : "");
        }
        if (e instanceof MismatchedInputException) {
            return "wrong type" + where;
        }
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Duplicate field")) {
            return "duplicate field" + where + ": " + original.substring("Duplicate field ".length());
        }
        return "malformed JSON" + where;
    }
}
