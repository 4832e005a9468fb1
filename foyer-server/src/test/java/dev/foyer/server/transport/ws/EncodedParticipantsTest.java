package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.foyer.server.live.ParticipantView;
import dev.foyer.server.live.Role;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A participant copied from the cache is byte for byte the one written field by field. */
class EncodedParticipantsTest {
    private static final Instant AT = Instant.parse("2026-11-29T17:30:00.123456Z");
    private static final JsonFactory FRAMES = WireCodec.jsonFactory();

    private static ParticipantView view(String name, boolean audioMuted, Instant waitingSince) {
        return new ParticipantView("p_1", name, Role.GUEST, true, audioMuted, true, false, AT, waitingSince);
    }

    private static String fieldByField(ParticipantView p) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder();
        try (JsonGenerator g = WireCodec.jsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            Shapes.writeParticipant(g, p);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String cached(ParticipantView p) {
        return new String(EncodedParticipants.of(p).asUnquotedUTF8(), StandardCharsets.UTF_8);
    }

    @Test
    void theCachedBytesAreTheWrittenOnesWhateverTheName() throws IOException {
        for (String name : new String[] {"Ada", "Zoë \"Z\" \\ </script>", "emoji 😀 ok", "lone \ud800 half", "\u2028"}) {
            ParticipantView p = view(name, true, AT);
            assertThat(cached(p)).as(name).isEqualTo(fieldByField(p));
            assertThat(cached(p)).as("again, from the cache").isEqualTo(fieldByField(p));
        }
    }

    @Test
    void aViewIsWrittenOnceAndAChangedOneAfresh() {
        ParticipantView before = view("Ada", true, null);
        ParticipantView after = view("Ada", false, null);

        assertThat(EncodedParticipants.of(before)).isSameAs(EncodedParticipants.of(before));
        assertThat(cached(before)).contains("\"audioMuted\":true");
        assertThat(cached(after)).contains("\"audioMuted\":false");
        assertThat(cached(before)).doesNotContain("waitingSince");
    }

    @Test
    void writingOneInsideAFrameBeingWrittenReusesBuffers() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        int frames = 500;
        ParticipantView[] fresh = new ParticipantView[frames];
        for (int i = 0; i < frames; i++) {
            fresh[i] = view("Guest " + i, true, null);
        }
        ByteArrayBuilder out = new ByteArrayBuilder();
        frameWith(view("warm-up", true, null), out);
        long before = threads.getThreadAllocatedBytes(self);
        for (ParticipantView p : fresh) {
            frameWith(p, out);
        }
        long perFrame = (threads.getThreadAllocatedBytes(self) - before) / frames;
        // A participant's JSON is ~200 bytes; fresh buffers for a second generator, 12 KB.
        assertThat(perFrame).as("bytes allocated per frame with a participant not written before").isLessThan(4_000);
    }

    /**
     * A frame with {@code p} in it, as a {@code participant.joined} is written: the frame's
     * generator holds this thread's pooled buffers while {@code p} is written.
     */
    private static void frameWith(ParticipantView p, ByteArrayBuilder out) throws IOException {
        out.reset();
        try (JsonGenerator frame = FRAMES.createGenerator(out, JsonEncoding.UTF8)) {
            frame.writeStartObject();
            frame.writeFieldName("participant");
            frame.writeRawValue(EncodedParticipants.of(p));
            frame.writeEndObject();
        }
    }

    @Test
    void aViewOneThreadWroteAnotherFinds() throws Exception {
        ParticipantView p = view("Shared", true, null);
        SerializableString[] written = new SerializableString[1];
        Thread meetingThread = new Thread(() -> written[0] = EncodedParticipants.of(p));
        meetingThread.start();
        meetingThread.join();

        assertThat(EncodedParticipants.of(p)).as("found, not written again").isSameAs(written[0]);
    }
}
