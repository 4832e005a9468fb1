package dev.foyer.server.transport.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.server.error.FoyerException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Reads request bodies: JSON only, size already bounded by the server, parsed strictly. */
final class Bodies {
    private final ObjectMapper mapper;

    Bodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as {@code type}; an empty body is the "all defaults" value when {@code empty} is given. */
    <T> T json(Context ctx, Class<T> type, T empty) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0 && empty != null) {
            return empty;
        }
        requireJson(ctx);
        if (bytes.length == 0) {
            throw new FoyerException(ErrorCode.INVALID_REQUEST, "a JSON body is required");
        }
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw new FoyerException(ErrorCode.INVALID_REQUEST, "the body must be a JSON object");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FoyerException(ErrorCode.INVALID_REQUEST, HttpErrors.describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void requireJson(Context ctx) {
        String type = ctx.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new FoyerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
        }
    }
}
