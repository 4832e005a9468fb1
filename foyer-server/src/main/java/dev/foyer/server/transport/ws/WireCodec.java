package dev.foyer.server.transport.ws;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foyer.protocol.ErrorCode;
import dev.foyer.protocol.Protocol;
import dev.foyer.server.live.Command;
import dev.foyer.server.live.Outbound;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON codec of the real-time protocol (docs/protocol.md): client frames to {@link Command}s,
 * {@link Outbound} messages to frames. Thread-safe; one instance serves the whole server.
 *
 * <p>Parsing is strict about shape and lenient about extras. A frame must be one JSON object of
 * at most {@link Protocol#MAX_FRAME_BYTES} bytes, nested at most {@value #MAX_NESTING_DEPTH}
 * deep, without duplicate keys, with a string {@code type} from the closed set of client types.
 * Required fields must be present with the right JSON type; nothing is coerced. Unknown fields
 * are ignored, and so is anything claiming an identity: the server stamps sender and role.
 * Failures are {@link ProtocolException}s carrying the frame's {@code id}, when it has a valid
 * one, so the {@code error} can echo it as {@code re}.
 *
 * <p>Writing uses a hand-written writer per message type, with no reflection: the server writes
 * each event once and sends the same string to every recipient.
 */
public final class WireCodec {
    /** Deepest nesting of objects and arrays accepted in a client frame. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Longest request id ({@code id}) a client may send. */
    public static final int MAX_REQUEST_ID_CHARS = 64;
    /** First buffer of a frame being written: a chat line or a roster change fits. */
    private static final int FRAME_BYTES = 512;
    /** Frames up to this size leave their buffer to the thread's next frame. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    /**
     * Each thread's buffer for the frame it writes, kept between frames: a meeting's writer
     * encodes a snapshot of the roster for every joiner, and a fresh buffer grew (and was copied)
     * several times for each (docs/performance.md, item 29).
     */
    private static final ThreadLocal<FrameBuffer> BUFFERS = ThreadLocal.withInitial(() -> new FrameBuffer(FRAME_BYTES));

    private final JsonFactory factory;
    private final ObjectReader treeReader;
    private final CommandReader commands;
    private final OutboundWriter outbound = new OutboundWriter();

    public WireCodec() {
        JsonFactory factory = jsonFactory();
        JsonMapper mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Relayed signal data keeps its numbers as written, not as doubles.
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        this.factory = factory;
        this.treeReader = mapper.reader();
        this.commands = new CommandReader(mapper.writer());
    }

    /** How frames are read and written: both directions' settings. */
    static JsonFactory jsonFactory() {
        return JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // An emoji goes out as its 4 UTF-8 bytes, as text written through a String did,
                // not as two escaped surrogates (12 bytes).
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(Protocol.MAX_FRAME_BYTES)
                        .maxDocumentLength(Protocol.MAX_FRAME_BYTES)
                        .build())
                .build();
    }

    /**
     * The command a client frame asks for.
     *
     * @throws ProtocolException with {@link ErrorCode#INVALID_REQUEST} for a frame that is too
     *     large, not a JSON object, has duplicate keys, a bad {@code id} or no string {@code type};
     *     {@link ErrorCode#UNKNOWN_TYPE} for a type outside the protocol; {@link
     *     ErrorCode#INVALID_FIELD} for a field that is missing, of the wrong type or out of range
     */
    public Command parse(String frame) {
        if (frame == null || Utf8.exceeds(frame, Protocol.MAX_FRAME_BYTES)) {
            throw invalidRequest(null, "frame is larger than " + Protocol.MAX_FRAME_BYTES + " bytes");
        }
        JsonNode tree = readTree(frame);
        if (!(tree instanceof ObjectNode message)) {
            throw invalidRequest(null, "frame must be a JSON object");
        }
        String requestId = requestId(message);
        JsonNode type = message.get("type");
        if (type == null || !type.isTextual()) {
            throw invalidRequest(requestId, type == null ? "type is required" : "type must be a string");
        }
        return commands.read(type.textValue(), new Fields(message, requestId));
    }

    /**
     * The frame for {@code message}, one JSON object whose first field is {@code type}, as the
     * UTF-8 bytes that go on the wire: written as bytes, not as a {@code String} then copied.
     */
    public byte[] writeUtf8(Outbound message) {
        FrameBuffer out = BUFFERS.get();
        out.reset();
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            outbound.write(g, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory builder does not fail
        }
        byte[] frame = out.toByteArray();
        if (out.capacity() > KEPT_BUFFER_BYTES) {
            BUFFERS.remove(); // a large snapshot's buffer is not kept for the next small frame
        }
        return frame;
    }

    private JsonNode readTree(String frame) {
        try {
            return treeReader.readTree(frame);
        } catch (StreamConstraintsException e) {
            throw invalidRequest(null, "frame nests deeper than " + MAX_NESTING_DEPTH + " levels or is too large");
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input; say what is wrong without repeating it.
            String original = e.getOriginalMessage();
            boolean duplicate = original != null && original.startsWith("Duplicate field");
            throw invalidRequest(null, duplicate ? "frame has a duplicate key" : "frame is not valid JSON");
        }
    }

    private static String requestId(ObjectNode message) {
        JsonNode id = message.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || id.textValue().length() > MAX_REQUEST_ID_CHARS) {
            throw invalidRequest(null, "id must be a string of at most " + MAX_REQUEST_ID_CHARS + " characters");
        }
        return id.textValue();
    }

    private static ProtocolException invalidRequest(String requestId, String message) {
        return new ProtocolException(ErrorCode.INVALID_REQUEST, requestId, message);
    }
}
