package dev.foyer.server.transport.ws;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.foyer.server.live.ParticipantView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Participant objects written lately, by the identity of their view. A meeting's writer sends
 * each joiner a {@code snapshot} with everyone present, and a participant's view is the same
 * instance until something it shows changes ({@code Participant.view}): most of a snapshot's
 * entries were written before, for an earlier snapshot or for the participant's own {@code
 * participant.joined}, and are copied as bytes instead of written field by field
 * (docs/performance.md, item 46).
 *
 * <p>One table for every thread, direct-mapped: one slot per identity hash, overwritten on a
 * miss, so it holds at most {@link #SLOTS} entries whatever the number of participants, and a
 * view that changed or left is overwritten in time. A meeting's batches run on any of the
 * meeting threads: with a table per thread, as before, each thread met every participant of the
 * meetings filling at once and wrote each again (docs/performance.md, item 61). Slots are read and
 * written without locks: an entry is immutable, so a reader finds the old one, the new one or a
 * miss, and two threads that miss on the same view both write it, the same bytes. The bytes are
 * exactly what the field-by-field writer gives (they come from it, through a generator of the
 * same settings).
 */
final class EncodedParticipants {
    /** Entries in the table (a power of two). */
    static final int SLOTS = 32_768;
    /**
     * With a pool of Jackson's buffers of its own: a participant is written while the frame that
     * holds it is, whose generator has this thread's buffers from Jackson's default pool (one set
     * per thread); from that pool, this generator would get fresh ones (12 KB) for every frame.
     */
    private static final JsonFactory FACTORY = WireCodec.jsonFactory().rebuild()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();
    private static final ThreadLocal<ByteArrayBuilder> BUFFER = ThreadLocal.withInitial(() -> new ByteArrayBuilder(512));

    private record Entry(ParticipantView view, SerializedString json) {}

    private static final Entry[] TABLE = new Entry[SLOTS];

    private EncodedParticipants() {}

    /** {@code p} as a JSON object, ready to be written raw. */
    static SerializableString of(ParticipantView p) {
        int slot = System.identityHashCode(p) & (SLOTS - 1);
        Entry entry = TABLE[slot];
        if (entry != null && entry.view() == p) {
            return entry.json();
        }
        SerializedString json = encode(p);
        TABLE[slot] = new Entry(p, json);
        return json;
    }

    private static SerializedString encode(ParticipantView p) {
        ByteArrayBuilder buffer = BUFFER.get();
        buffer.reset();
        try (JsonGenerator g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
            Shapes.writeParticipant(g, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory builder does not fail
        }
        SerializedString json = new SerializedString(new String(buffer.toByteArray(), StandardCharsets.UTF_8));
        json.asUnquotedUTF8(); // encoded once, here, not by the first frame that copies it
        return json;
    }
}
